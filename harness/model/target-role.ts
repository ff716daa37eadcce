/**
 * What a scenario can address (docs/design.md §4 "Targets are lab roles"), after docs/protocol.md §1 "Who talks to
 * whom":
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

/** Each target role's name for a reader, as Microsoft's documentation writes it. */
export const TARGET_ROLE_NAMES: Readonly<Record<TargetRole, string>> = {
  callRouter: "UM Call Router",
  umService: "UM service",
  worker: "UM worker",
  exchange2010: "Exchange 2010 UM",
  pool: "Front End pool",
  mediation: "Mediation Server",
  gateway: "gateway",
  owa: "OWA trusted application",
};

export function isTargetRole(value: string): value is TargetRole {
  return (TARGET_ROLES as readonly string[]).includes(value);
}
