/**
 * What a lab server is (docs/protocol.md §1 "Who talks to whom"):
 * - `callRouter`: Exchange 2013/2016/2019 Client Access, the UM Call Router (TCP 5060, mutual TLS 5061);
 * - `mailbox`: Exchange 2013/2016/2019 Mailbox, the UM service (5062/5063) and its worker (5065–5068);
 * - `exchange2010`: an Exchange 2010 UM server (5060/5061, straight to its worker);
 * - `pool`: a Lync/Skype for Business Front End pool (ExumRouting, 5061 MTLS);
 * - `mediation`: a Mediation Server (5070 MTLS from the pool, 5067 TLS / 5068 TCP from gateways);
 * - `gateway`: a VoIP gateway, IP-PBX or SBC;
 * - `owa`: the OWA IM trusted application pool (MTLS to the Lync pool, port given by `New-CsTrustedApplication`).
 */
export type ServerRole = "callRouter" | "mailbox" | "exchange2010" | "pool" | "mediation" | "gateway" | "owa";

export const SERVER_ROLES: readonly ServerRole[] = ["callRouter", "mailbox", "exchange2010", "pool", "mediation", "gateway", "owa"];
