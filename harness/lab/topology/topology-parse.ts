import { topologyError, type TopologySource } from "./topology-error.js";
import { rememberTopologyOrigin } from "./topology-origin.js";
import { topologySchema, type Topology } from "./topology-schema.js";
import { topologyIssuesFromZod } from "./topology-zod-issues.js";

/**
 * Validates `input` (a topology as written: parsed YAML, a literal) and returns the topology the lab runs.
 * Throws `EXUM_TOPOLOGY_INVALID` (exit 2) naming the file, line and path of every problem.
 */
export function parseTopology(input: unknown, source: TopologySource = {}): Topology {
  const result = topologySchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    throw topologyError("EXUM_TOPOLOGY_INVALID", topologyIssuesFromZod(result.error, topologySchema, input), source);
  }
  rememberTopologyOrigin(result.data, { input: structuredClone(input), source });
  return result.data;
}
