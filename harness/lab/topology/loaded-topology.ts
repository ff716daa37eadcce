import type { InputSource } from "../../input/input-error.js";
import type { Topology } from "./topology-schema.js";

/**
 * A topology together with what it was parsed from: the input as written (before defaults and computed values
 * such as hunt-group pilots were filled in) and where that came from. Overrides are applied to `input`
 * (topology-overrides.ts), so computed values follow the new settings, and errors name `source`. A plain value:
 * it survives `structuredClone` and JSON, unlike a side table keyed by the topology object.
 */
export interface LoadedTopology {
  readonly topology: Topology;
  readonly input: unknown;
  readonly source: InputSource;
}
