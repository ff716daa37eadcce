import { inputIssuesError, type InputSource } from "../../input/input-error.js";
import type { LoadedTopology } from "./loaded-topology.js";
import { topologySchema, type Topology } from "./topology-schema.js";
import { issuesFromZod } from "../../input/zod-issues.js";

/**
 * Validates `input` (a topology as written: parsed YAML, a literal) and returns the topology the lab runs.
 * Throws `EXUM_TOPOLOGY_INVALID` (exit 2) naming the file, line and path of every problem.
 */
export function parseTopology(input: unknown, source: InputSource = {}): Topology {
  const result = topologySchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw inputIssuesError("EXUM_TOPOLOGY_INVALID", issuesFromZod(result.error, topologySchema, input), source, "topology");
  }
  return result.data;
}

/** {@link parseTopology}, keeping what the topology was parsed from (for overrides and error messages). */
export function parseLoadedTopology(input: unknown, source: InputSource = {}): LoadedTopology {
  return { topology: parseTopology(input, source), input: structuredClone(input), source };
}
