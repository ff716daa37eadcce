import { parseYamlSource, readYamlSource, type YamlFileKind } from "../../input/yaml-source.js";
import type { LoadedTopology } from "./loaded-topology.js";
import type { InputSource } from "../../input/input-error.js";
import { defaultLoadedTopology } from "./topology-default.js";
import { applyLoadedOverrides } from "./topology-overrides.js";
import { parseLoadedTopology } from "./topology-parse.js";
import type { Topology } from "./topology-schema.js";

/** Topology files larger than this are refused (a topology is a few kilobytes). */
export const MAX_TOPOLOGY_BYTES = 1024 * 1024;

/** How a topology file is named in errors (input/yaml-source.ts reads every YAML input file the same way). */
export const TOPOLOGY_FILE: YamlFileKind = {
  what: "topology file",
  codes: { unreadable: "EXUM_TOPOLOGY_UNREADABLE", notYaml: "EXUM_TOPOLOGY_NOT_YAML" },
  shape: "servers:, dialPlans:, …",
  emptyHint: "a topology needs at least servers:; start from the built-in default (exum lab prints it)",
  unreadableHint: "give the path of a YAML topology file, or omit it to use the built-in default",
  maxBytes: MAX_TOPOLOGY_BYTES,
};

/**
 * A topology from YAML text. `file` names it in errors. Throws `EXUM_TOPOLOGY_NOT_YAML` for text that is not YAML
 * (or is empty), `EXUM_TOPOLOGY_INVALID` for YAML that is not a valid topology and `EXUM_TOPOLOGY_OVERRIDE_INVALID`
 * for a file of changes the default cannot take, each with file, line, column and path (exit 2).
 */
export function parseTopologyYaml(text: string, file = "topology.yaml"): Topology {
  const { data, source } = parseYamlSource(text, file, TOPOLOGY_FILE);
  return topologyFromFile(data, source).topology;
}

/**
 * What a topology file describes: a whole lab when it lists `servers:`, else only what it changes, applied as overrides
 * to the built-in default (the merge of topology-overrides.ts), so `dialPlans: [{ name: DP1, voipSecurity: Unsecured }]`
 * alone is a valid file.
 */
function topologyFromFile(data: unknown, source: InputSource): LoadedTopology {
  const mapping = typeof data === "object" && data !== null && !Array.isArray(data);
  if (mapping && !Object.hasOwn(data, "servers")) return { ...applyLoadedOverrides(defaultLoadedTopology(), data, source), source };
  return parseLoadedTopology(data, source);
}

/**
 * Reads and validates a topology file (YAML). Errors are input errors (exit 2): `EXUM_TOPOLOGY_UNREADABLE`,
 * `EXUM_TOPOLOGY_NOT_YAML`, `EXUM_TOPOLOGY_INVALID`, each naming the file (and line, column and path).
 */
export async function loadTopology(file: string): Promise<LoadedTopology> {
  const { data, source } = await readYamlSource(file, TOPOLOGY_FILE);
  return topologyFromFile(data, source);
}
