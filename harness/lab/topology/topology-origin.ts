import type { TopologySource } from "./topology-error.js";
import type { Topology } from "./topology-schema.js";

/** What a parsed topology was parsed from: its input as written and where that came from. */
export interface TopologyOrigin {
  readonly input: unknown;
  readonly source: TopologySource;
}

const origins = new WeakMap<Topology, TopologyOrigin>();

/** Records what `topology` was parsed from, so overrides can be applied to what was written (topology-overrides.ts). */
export function rememberTopologyOrigin(topology: Topology, origin: TopologyOrigin): void {
  origins.set(topology, origin);
}

/** The input and source a topology was parsed from by `parseTopology`, if it was. */
export function topologyOrigin(topology: object): TopologyOrigin | undefined {
  return origins.get(topology as Topology);
}
