import type { TargetRole } from "../model/target-role.js";

/**
 * Where a hop went, in the scenario's vocabulary: the role that answered there (`callRouter`, `umService`, `worker` …)
 * and the server's FQDN, recognised from the address and port it connected to (the lab's address plan) or the site's
 * bindings. Null where nothing matched (a host the site does not bind, on a port no role uses).
 */
export interface HopPlace {
  readonly role: TargetRole | null;
  readonly server: string | null;
}

export const UNKNOWN_PLACE: HopPlace = { role: null, server: null };
