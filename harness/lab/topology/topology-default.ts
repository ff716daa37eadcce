import { LAB_IDENTITIES } from "../../pki/lab-identities.js";
import type { LoadedTopology } from "./loaded-topology.js";
import { parseLoadedTopology } from "./topology-parse.js";
import type { Topology, TopologyInput } from "./topology-schema.js";

/** The FQDN of the lab identity (harness/pki/lab-identities.ts) with this certificate name. */
function fqdnOf(name: string): string {
  const fqdn = LAB_IDENTITIES.find((identity) => identity.name === name)?.fqdns[0];
  if (fqdn === undefined) throw new Error(`harness/pki/lab-identities.ts has no identity "${name}"`);
  return fqdn;
}

const CAS01 = fqdnOf("cas01");
const MBX01 = fqdnOf("mbx01");
const MBX02 = fqdnOf("mbx02");
const MBX03 = fqdnOf("mbx03");
const MBX04 = fqdnOf("mbx04");
const UM2010 = fqdnOf("um2010");
const POOL01 = fqdnOf("pool01");
const MED01 = fqdnOf("med01");
const GW01 = fqdnOf("gw01");
const OWAPOOL = fqdnOf("owapool");

/**
 * The built-in lab (docs/design.md §5), as a topology file would write it. It follows the seeds' recommendations
 * (docs/design.md §5): Exchange 2016 in Dual startup mode, a Secured SIP URI dial plan, the pool requiring encryption, every
 * certificate from the one lab root (each server presents its own, harness/pki/lab-identities.ts).
 *
 * - Tukwila: Call Router cas01, Mailbox servers mbx01 and mbx02 (alice and bob); Dublin: mbx03 and mbx04, the
 *   redundant UM servers of seed examples 1 and 2. All five are members of DP1 (docs/protocol.md §5: "Every Client
 *   Access and Mailbox server must be added to every SIP URI dial plan").
 * - DP1: PhoneContext dp1.contoso.com, VoIPSecurity Secured, pilot dp1.
 * - um2010: an Exchange 2010 UM server with its own Secured dial plan DP2010 (carol).
 * - pool01: SfB 2015 pool, EncryptionLevel RequireEncryption; its UM IP gateway as ExchUcUtil.ps1 makes it (name =
 *   pool name, address = pool FQDN, one hunt group per SIP URI dial plan); the only gateway allowed outcalls.
 * - med01: Mediation Server of pool01, TLS trunk to gw01, SRTPMode Required.
 * - gw01: a VoIP gateway / SBC, with its own UM IP gateway on DP1 (outcalls disabled).
 * - owapool: the OWA IM trusted application pool on port 5199.
 */
export const DEFAULT_TOPOLOGY = {
  name: "exum default lab",
  domain: "contoso.com",
  servers: [
    { fqdn: CAS01, role: "callRouter", site: "Tukwila", exchangeVersion: 2016, startupMode: "Dual" },
    { fqdn: MBX01, role: "mailbox", site: "Tukwila", exchangeVersion: 2016, startupMode: "Dual" },
    { fqdn: MBX02, role: "mailbox", site: "Tukwila", exchangeVersion: 2016, startupMode: "Dual" },
    { fqdn: MBX03, role: "mailbox", site: "Dublin", exchangeVersion: 2016, startupMode: "Dual" },
    { fqdn: MBX04, role: "mailbox", site: "Dublin", exchangeVersion: 2016, startupMode: "Dual" },
    { fqdn: UM2010, role: "exchange2010", exchangeVersion: 2010, startupMode: "Dual" },
    { fqdn: POOL01, role: "pool", lyncVersion: 2015, encryptionLevel: "RequireEncryption" },
    { fqdn: MED01, role: "mediation", lyncVersion: 2015, pool: POOL01, trunk: { gateway: GW01, transport: "tls", srtpMode: "Required" } },
    { fqdn: GW01, role: "gateway" },
    { fqdn: OWAPOOL, role: "owa", port: 5199, pool: POOL01 },
  ],
  dialPlans: [
    { name: "DP1", phoneContext: "dp1.contoso.com", voipSecurity: "Secured", servers: [CAS01, MBX01, MBX02, MBX03, MBX04] },
    { name: "DP2010", phoneContext: "dp2010.contoso.com", voipSecurity: "Secured", servers: [UM2010] },
  ],
  umIpGateways: [
    { name: "pool01", address: POOL01, status: "Enabled", outcallsAllowed: true, huntGroups: [{ dialPlan: "DP1" }, { dialPlan: "DP2010" }] },
    { name: "gw01", address: GW01, status: "Enabled", outcallsAllowed: false, huntGroups: [{ dialPlan: "DP1" }] },
  ],
  users: [
    { sipAddress: "alice@contoso.com", displayName: "Alice", extension: "1001", dialPlan: "DP1", mailboxServer: MBX01 },
    { sipAddress: "bob@contoso.com", displayName: "Bob", extension: "1002", dialPlan: "DP1", mailboxServer: MBX02 },
    { sipAddress: "carol@contoso.com", displayName: "Carol", extension: "2001", dialPlan: "DP2010", mailboxServer: UM2010 },
  ],
  autoAttendants: [{ name: "Contoso AA", dialPlan: "DP1", pilot: "aa", mailboxServer: MBX01 }],
  subscriberAccess: [{ dialPlan: "DP1", pilot: "dp1.contoso.com" }],
} as const satisfies TopologyInput;

/** The built-in lab topology, validated and resolved (a new copy on every call). */
export function defaultTopology(): Topology {
  return defaultLoadedTopology().topology;
}

/** The built-in lab topology with what it was written as (the base that scenario overrides apply to). */
export function defaultLoadedTopology(): LoadedTopology {
  return parseLoadedTopology(DEFAULT_TOPOLOGY, { file: "the built-in default topology" });
}
