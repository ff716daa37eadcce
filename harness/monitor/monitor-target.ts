import type { TargetRole } from "../model/target-role.js";
import type { LoadedSite } from "../scenario/loaded-site.js";

/** One server `exum monitor` watches. */
export interface MonitorTarget {
  /** A short, unique name: the FQDN's first label (`cas01`), with the role when two share one. */
  readonly id: string;
  readonly role: TargetRole;
  readonly fqdn: string;
}

/**
 * The roles `exum monitor` sends OPTIONS to, in the order it shows them: the Call Routers (and Exchange 2010 UM
 * servers), the UM servers, the pools and the Mediation Servers (docs/protocol.md §1). Workers are reached by redirect
 * only; gateways and OWA are not UM/Lync servers.
 */
export const MONITOR_ROLES: readonly TargetRole[] = ["callRouter", "exchange2010", "umService", "pool", "mediation"];

const firstLabel = (fqdn: string) => fqdn.split(".")[0] ?? fqdn;

/** Every server of the site in {@link MONITOR_ROLES}, once per role it is bound to. */
export function monitorTargets(loaded: LoadedSite): MonitorTarget[] {
  const targets: MonitorTarget[] = [];
  const ids = new Set<string>();
  for (const role of MONITOR_ROLES) {
    for (const server of loaded.site.roles[role] ?? []) {
      let id = firstLabel(server.fqdn);
      if (ids.has(id)) id = `${id}-${role}`;
      for (let n = 2; ids.has(id); n += 1) id = `${firstLabel(server.fqdn)}-${role}-${n}`;
      ids.add(id);
      targets.push({ id, role, fqdn: server.fqdn });
    }
  }
  return targets;
}
