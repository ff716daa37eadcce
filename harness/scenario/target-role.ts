import type { ServerRole } from "../lab/topology-role.js";

/**
 * What a scenario can address (DESIGN.md §4 "Targets are lab roles"), after PROTOCOL.md §1 "Who talks to whom":
 * - `callRouter`: the Exchange 2013/2016 UM Call Router (TCP 5060, mutual TLS 5061);
 * - `umService`: the UM service of a Mailbox server (TCP 5062, mutual TLS 5063);
 * - `worker`: the UM worker process of a Mailbox or Exchange 2010 server (5065/5066);
 * - `exchange2010`: an Exchange 2010 UM server (TCP 5060, mutual TLS 5061);
 * - `pool`: a Lync/SfB Front End pool (5061 mutual TLS);
 * - `mediation`: a Mediation Server (5070 mutual TLS from the pool; 5067 TLS / 5068 TCP from gateways);
 * - `gateway`: a VoIP gateway, IP-PBX or SBC;
 * - `owa`: the OWA IM trusted application (its `New-CsTrustedApplication -Port`, 5199 in the seed).
 */
export type TargetRole = "callRouter" | "umService" | "worker" | "exchange2010" | "pool" | "mediation" | "gateway" | "owa";

export const TARGET_ROLES: readonly TargetRole[] = ["callRouter", "umService", "worker", "exchange2010", "pool", "mediation", "gateway", "owa"];

/** The lab server roles that can play each target role, the usual one first. */
export const SERVER_ROLES_OF: Readonly<Record<TargetRole, readonly ServerRole[]>> = {
  callRouter: ["callRouter"],
  umService: ["mailbox"],
  worker: ["mailbox", "exchange2010"],
  exchange2010: ["exchange2010"],
  pool: ["pool"],
  mediation: ["mediation"],
  gateway: ["gateway"],
  owa: ["owa"],
};

/** The role a server is addressed in when a scenario names the server alone (`mbx03` → its UM service). */
export function naturalTargetRole(role: ServerRole): TargetRole {
  return role === "mailbox" ? "umService" : role;
}

export function isTargetRole(value: string): value is TargetRole {
  return (TARGET_ROLES as readonly string[]).includes(value);
}
