import t from "tap";
import { LAB_IDENTITIES } from "../../pki/lab-identities.js";
import { ENCRYPTION_LEVELS } from "../../model/encryption-level.js";
import { VOIP_SECURITY_VALUES } from "../../model/voip-security.js";
import { DEFAULT_TOPOLOGY, defaultTopology } from "./topology-default.js";
import { parseTopology } from "./topology-parse.js";
import type { ServerOf } from "./topology-resolve.js";
import type { Topology, TopologyInput } from "./topology-schema.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX = "mbx01.tukwila.contoso.com";

/** The smallest useful topology: one Call Router and one Mailbox server in one dial plan. */
function minimal(extra: Partial<TopologyInput> = {}): TopologyInput {
  return {
    servers: [
      { fqdn: CAS, role: "callRouter" },
      { fqdn: MBX, role: "mailbox" },
    ],
    dialPlans: [{ name: "DP1", servers: [CAS, MBX] }],
    ...extra,
  };
}

function server<R extends "pool" | "mediation" | "owa">(topology: Topology, role: R) {
  return topology.servers.find((s) => s.role === role) as ServerOf<R>;
}

t.test("the default topology uses exactly the lab identities' FQDNs and certificates", async (t) => {
  const topology = defaultTopology();
  t.same(
    topology.servers.map((s) => s.fqdn).sort(),
    LAB_IDENTITIES.map((identity) => identity.fqdns[0]).sort(),
  );
  for (const s of topology.servers) {
    t.equal(s.certificate, LAB_IDENTITIES.find((identity) => identity.fqdns.includes(s.fqdn))?.name, `${s.fqdn} presents its own certificate`);
    t.equal(s.state, "running");
  }
});

t.test("the default topology follows the seeds' recommendations (docs/design.md §5)", async (t) => {
  const topology = defaultTopology();
  for (const s of topology.servers) if (s.role === "callRouter" || s.role === "mailbox" || s.role === "exchange2010") t.equal(s.startupMode, "Dual", s.fqdn);
  const dp1 = topology.dialPlans.find((d) => d.name === "DP1");
  t.match(dp1, { phoneContext: "dp1.contoso.com", voipSecurity: "Secured" });
  t.same(dp1?.servers, [CAS, MBX, "mbx02.tukwila.contoso.com", "mbx03.dublin.contoso.com", "mbx04.dublin.contoso.com"]);
  t.match(topology.dialPlans.find((d) => d.name === "DP2010"), { voipSecurity: "Secured", servers: ["um2010.contoso.com"] });
  t.equal(server(topology, "pool").encryptionLevel, "RequireEncryption");
  t.match(server(topology, "mediation").trunk, { transport: "tls", srtpMode: "Required", gateway: "gw01.contoso.com" });
  t.equal(server(topology, "owa").port, 5199);
  const poolGateway = topology.umIpGateways.find((g) => g.name === "pool01");
  t.match(poolGateway, { address: "pool01.contoso.com", status: "Enabled", outcallsAllowed: true });
  t.same(
    poolGateway?.huntGroups.map((g) => [g.name, g.pilot]),
    [
      ["DP1", "dp1"],
      ["DP2010", "dp2010"],
    ],
  );
  t.equal(topology.umIpGateways.filter((g) => g.outcallsAllowed).length, 1, "outcalls on one UM IP gateway only");
  t.match(topology.users.map((u) => [u.sipAddress, u.mailboxServer]), [
    ["alice@contoso.com", MBX],
    ["bob@contoso.com", "mbx02.tukwila.contoso.com"],
    ["carol@contoso.com", "um2010.contoso.com"],
  ]);
  t.match(topology.subscriberAccess, [{ dialPlan: "DP1", pilot: "dp1.contoso.com", mailboxServer: MBX }]);
  t.match(topology.autoAttendants, [{ dialPlan: "DP1", pilot: "aa", mailboxServer: MBX }]);
});

t.test("defaultTopology returns a fresh copy each time and leaves DEFAULT_TOPOLOGY alone", async (t) => {
  const a = defaultTopology();
  a.dialPlans[0]!.voipSecurity = "Unsecured";
  t.equal(defaultTopology().dialPlans[0]?.voipSecurity, "Secured");
  t.equal(DEFAULT_TOPOLOGY.dialPlans[0].voipSecurity, "Secured");
});

t.test("unset settings take Microsoft's defaults and docs/protocol.md's documented [INF] defaults", async (t) => {
  const topology = parseTopology({
    ...minimal(),
    servers: [...(minimal().servers ?? []), { fqdn: "pool01.contoso.com", role: "pool" }, { fqdn: "med01.contoso.com", role: "mediation" }],
  });
  t.equal(topology.domain, "contoso.com");
  t.match(topology.servers[0], { startupMode: "TCP", exchangeVersion: 2016, state: "running", certificate: "cas01" });
  t.equal(topology.dialPlans[0]?.voipSecurity, VOIP_SECURITY_VALUES[0]);
  t.equal(topology.dialPlans[0]?.phoneContext, "dp1.contoso.com");
  t.equal(server(topology, "pool").encryptionLevel, ENCRYPTION_LEVELS[0]);
  t.match(server(topology, "mediation").trunk, { transport: "tls", srtpMode: "Required" });
  const b = topology.behaviour;
  t.same(b.worker.incompatibleSecurity, { status: 488, reason: "Not Acceptable Here", diagnosticsCode: 0, diagnosticsReason: "Incompatible security setting" });
  t.same(b.disabledAnswer, { status: 503, reason: "Service Unavailable", refuse: false });
  t.equal(b.umService.optionsStatus, 200);
  t.equal(b.callRouter.optionsStatus, 200);
  t.equal(b.callRouter.redirectStatus, 302);
  t.equal(b.callRouter.contactTransport, "capitalised", "transport=Tcp / Tls, the published capture (docs/protocol.md §10)");
  t.equal(b.callRouter.contactTransportPosition, "last");
  t.equal(b.callRouter.exchange2010Maddr, true);
  t.same(b.exchangeProduct, { responseHeader: "Server", server: "RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017", server2010: "RTCC/3.5.0.0" });
  t.equal(b.rejections.reasonText, "sentence");
  t.same(b.worker.answer, {
    contactFeatures: "automata;text;audio;video;image",
    sessionExpires: "1800;refresher=uac",
    supported: "100rel, timer, Replaces",
    sdpUserName: "-",
    bandwidthCt: 10000000,
    label: "main-audio",
    telephoneEventFmtp: "0-16,36",
    keyLifetime: "mirror",
  });
  t.equal(b.callRouter.checksMailboxHealth, false);
  t.equal(b.worker.portLayout, "paired");
  t.equal(b.worker.activeSlot, 1);
  t.same(b.securityParity, { status: 403, reason: "IncorrectHuntGroup" });
  t.match(b.rejections, { inviteStatus: 403, optionsStatus: 500, pipelineFullStatus: 503, codes: { UnAuthorizedGateway: 0, IncorrectHuntGroup: 0 } });
  t.equal(b.stoppedServer, "refuse");
  t.same(b.peerHealth, { replyTimeoutMs: 4000, retries: 2, waitMs: 60000 });
});

t.test("computed values: pilots, hunt group names, certificates, states, forced SRTPMode", async (t) => {
  const topology = parseTopology({
    domain: "fabrikam.com",
    servers: [
      { fqdn: CAS, role: "callRouter", fault: { kind: "slow" } },
      { fqdn: "MBX07.Fabrikam.com", role: "mailbox", certificate: "wildcard-san" },
      { fqdn: "pool01.contoso.com", role: "pool" },
      { fqdn: "med01.contoso.com", role: "mediation", trunk: { transport: "tcp", srtpMode: "Required" } },
    ],
    dialPlans: [{ name: "Tukwila SIP DP", servers: [CAS, "mbx07.fabrikam.com"] }],
    umIpGateways: [{ name: "pool01", address: "pool01.contoso.com", huntGroups: [{ dialPlan: "tukwila sip dp" }, { dialPlan: "Tukwila SIP DP", name: "other", pilot: "x" }] }],
    subscriberAccess: [{ dialPlan: "Tukwila SIP DP" }],
    autoAttendants: [{ name: "AA", dialPlan: "Tukwila SIP DP", pilot: "aa" }],
  });
  t.equal(topology.dialPlans[0]?.phoneContext, "tukwila-sip-dp.fabrikam.com");
  t.same(topology.umIpGateways[0]?.huntGroups, [
    { dialPlan: "tukwila sip dp", name: "tukwila sip dp", pilot: "tukwila-sip-dp" },
    { dialPlan: "Tukwila SIP DP", name: "other", pilot: "x" },
  ]);
  t.match(topology.servers[0], { state: "faulty", fault: { kind: "slow", delayMs: 5000 } });
  t.match(topology.servers[1], { fqdn: "mbx07.fabrikam.com", certificate: "wildcard-san" });
  t.equal(topology.servers[2]?.certificate, "pool01");
  t.equal(server(topology, "mediation").trunk.srtpMode, "NotSupported", "docs/protocol.md §2: forced on a TCP trunk");
  t.match(topology.subscriberAccess[0], { pilot: "tukwila-sip-dp.fabrikam.com", mailboxServer: "mbx07.fabrikam.com" });
  t.equal(topology.autoAttendants[0]?.mailboxServer, "mbx07.fabrikam.com");
});

t.test("versions may be written as numbers or strings; extensions too", async (t) => {
  const topology = parseTopology(
    minimal({
      servers: [
        { fqdn: CAS, role: "callRouter", exchangeVersion: "2013" },
        { fqdn: MBX, role: "mailbox", exchangeVersion: 2019 },
      ],
      users: [{ sipAddress: "SIP:Alice@Contoso.com", extension: 1001, dialPlan: "dp1", mailboxServer: MBX }],
    }),
  );
  t.match(topology.servers.map((s) => ("exchangeVersion" in s ? s.exchangeVersion : null)), [2013, 2019]);
  t.match(topology.users[0], { sipAddress: "alice@contoso.com", extension: "1001" });
});

const invalid: { name: string; input: unknown; field: string; message: RegExp; hint?: RegExp }[] = [
  { name: "not a mapping", input: ["servers"], field: "(top level)", message: /expected object/ },
  { name: "no servers", input: { servers: [] }, field: "servers", message: /needs at least 1 entry/ },
  { name: "unknown top-level key", input: { ...minimal(), labs: [] }, field: "labs", message: /unknown key "labs"/ },
  { name: "Microsoft's spelling of a key", input: minimal({ dialPlans: [{ name: "DP1", VoIPSecurity: "Secured" } as never] }), field: "dialPlans[0].VoIPSecurity", message: /did you mean "voipSecurity"/, hint: /valid keys here: name, phoneContext, voipSecurity, servers/ },
  { name: "bad VoIPSecurity", input: minimal({ dialPlans: [{ name: "DP1", voipSecurity: "Encrypted" as never }] }), field: "dialPlans[0].voipSecurity", message: /"Encrypted" is not one of: Unsecured, SIPSecured, Secured/ },
  { name: "bad role", input: { servers: [{ fqdn: CAS, role: "edge" }] }, field: "servers[0].role", message: /role "edge" is not one of: callRouter/ },
  { name: "missing role", input: { servers: [{ fqdn: CAS }] }, field: "servers[0].role", message: /"role" is missing/ },
  { name: "key of another role", input: { servers: [{ fqdn: CAS, role: "mailbox", encryptionLevel: "RequireEncryption" }] }, field: "servers[0].encryptionLevel", message: /unknown key/ },
  { name: "bad version", input: { servers: [{ fqdn: CAS, role: "callRouter", exchangeVersion: 2010 }] }, field: "servers[0].exchangeVersion", message: /2010 is not one of: 2013, 2016, 2019/ },
  { name: "bad FQDN", input: { servers: [{ fqdn: "mbx01", role: "mailbox" }] }, field: "servers[0].fqdn", message: /fully qualified domain name/ },
  { name: "missing FQDN", input: { servers: [{ role: "mailbox" }] }, field: "servers[0].fqdn", message: /"fqdn" is required/ },
  { name: "duplicate FQDN", input: { servers: [{ fqdn: MBX, role: "mailbox" }, { fqdn: MBX.toUpperCase(), role: "mailbox" }] }, field: "servers[1].fqdn", message: /given twice/ },
  { name: "dial plan member not a server", input: minimal({ dialPlans: [{ name: "DP1", servers: [CAS, "mbx09.contoso.com"] }] }), field: "dialPlans[0].servers[1]", message: /"mbx09.contoso.com" is not a server of this topology/, hint: /add it under servers:, or use one of: cas01/ },
  { name: "dial plan member of the wrong role", input: { servers: [{ fqdn: "pool01.contoso.com", role: "pool" }], dialPlans: [{ name: "DP1", servers: ["pool01.contoso.com"] }] }, field: "dialPlans[0].servers[0]", message: /is a pool server; it must be a callRouter or mailbox or exchange2010 server/ },
  { name: "duplicate dial plan", input: minimal({ dialPlans: [{ name: "DP1" }, { name: "dp1", phoneContext: "other.contoso.com" }] }), field: "dialPlans[1].name", message: /dial plan "dp1" is given twice/ },
  { name: "user's dial plan missing", input: minimal({ users: [{ sipAddress: "alice@contoso.com", extension: "1", dialPlan: "DP2", mailboxServer: MBX }] }), field: "users[0].dialPlan", message: /dial plan "DP2" does not exist/, hint: /use one of: DP1/ },
  { name: "user's mailbox on a Call Router", input: minimal({ users: [{ sipAddress: "alice@contoso.com", extension: "1", dialPlan: "DP1", mailboxServer: CAS }] }), field: "users[0].mailboxServer", message: /is a callRouter server; it must be a mailbox or exchange2010 server/ },
  { name: "duplicate extension", input: minimal({ users: [{ sipAddress: "a@contoso.com", extension: "1", dialPlan: "DP1", mailboxServer: MBX }, { sipAddress: "b@contoso.com", extension: 1, dialPlan: "dp1", mailboxServer: MBX }] }), field: "users[1].extension", message: /given twice/ },
  { name: "gateway address not a server", input: minimal({ umIpGateways: [{ name: "gw", address: "gw09.contoso.com" }] }), field: "umIpGateways[0].address", message: /is not a server/ },
  { name: "hunt group dial plan missing", input: { ...minimal(), servers: [...(minimal().servers ?? []), { fqdn: "pool01.contoso.com", role: "pool" }], umIpGateways: [{ name: "pool01", address: "pool01.contoso.com", huntGroups: [{ dialPlan: "DP9" }] }] }, field: "umIpGateways[0].huntGroups[0].dialPlan", message: /dial plan "DP9" does not exist/ },
  { name: "bad gateway status", input: minimal({ umIpGateways: [{ name: "g", address: CAS, status: "Paused" as never }] }), field: "umIpGateways[0].status", message: /"Paused" is not one of: Enabled, Disabled, NoNewCalls/ },
  { name: "faulty without a fault", input: { servers: [{ fqdn: CAS, role: "callRouter", state: "faulty" }] }, field: "servers[0].state", message: /state faulty needs a fault/, hint: /kind: refuse/ },
  { name: "bad fault kind", input: { servers: [{ fqdn: CAS, role: "callRouter", fault: { kind: "explode" } }] }, field: "servers[0].fault.kind", message: /kind "explode" is not one of: refuse, black-hole/ },
  { name: "fault on a listener the role lacks", input: { servers: [{ fqdn: CAS, role: "callRouter", fault: { kind: "refuse", listeners: ["worker-tls"] } }] }, field: "servers[0].fault.listeners[0]", message: /a callRouter server has no listener "worker-tls"/, hint: /sip-tcp, sip-tls/ },
  { name: "certificate not in the lab PKI", input: { servers: [{ fqdn: CAS, role: "callRouter", certificate: "cas99" }] }, field: "servers[0].certificate", message: /certificate "cas99" is not in the lab PKI/, hint: /self-signed/ },
  { name: "mediation pool not a pool", input: { servers: [{ fqdn: CAS, role: "callRouter" }, { fqdn: "med01.contoso.com", role: "mediation", pool: CAS }] }, field: "servers[1].pool", message: /must be a pool server/ },
  { name: "bad SRTPMode", input: { servers: [{ fqdn: "med01.contoso.com", role: "mediation", trunk: { srtpMode: "Preferred" } }] }, field: "servers[0].trunk.srtpMode", message: /not one of: Required, Optional, NotSupported/ },
  { name: "Subscriber Access without a mailbox member", input: { servers: [{ fqdn: CAS, role: "callRouter" }], dialPlans: [{ name: "DP1", servers: [CAS] }], subscriberAccess: [{ dialPlan: "DP1" }] }, field: "subscriberAccess[0]", message: /no Mailbox or Exchange 2010 member/ },
  { name: "wrong type", input: minimal({ umIpGateways: [{ name: "g", address: CAS, outcallsAllowed: "yes" as never }] }), field: "umIpGateways[0].outcallsAllowed", message: /expected boolean, found "yes"/ },
  { name: "worker slot 2 without slot 2", input: { ...minimal(), behaviour: { worker: { portLayout: "single", activeSlot: "alternate" } } }, field: "behaviour.worker.activeSlot", message: /needs the paired port layout/ },
  { name: "bad behaviour setting", input: { ...minimal(), behaviour: { worker: { portLayout: "triple" } } }, field: "behaviour.worker.portLayout", message: /not one of: paired, single/ },
];

t.test("invalid topologies fail with EXUM_TOPOLOGY_INVALID naming the path, the problem and the fix", async (t) => {
  for (const c of invalid) {
    t.throws(
      () => parseTopology(c.input, { file: "lab.yaml" }),
      { code: "EXUM_TOPOLOGY_INVALID", kind: "input", exitCode: 2, file: "lab.yaml", field: c.field, message: c.message, ...(c.hint === undefined ? {} : { hint: c.hint }) },
      c.name,
    );
  }
});

t.test("every problem is listed, each with its path", async (t) => {
  const error = t.throws(() =>
    parseTopology(minimal({ users: [{ sipAddress: "a@contoso.com", extension: "1", dialPlan: "X", mailboxServer: "nobody.contoso.com" }] }), { file: "f.yaml" }),
  ) as Error;
  t.match(error.message, /^2 problems in the topology:\n {2}f\.yaml: users\[0\]\.dialPlan: .*\n {2}f\.yaml: users\[0\]\.mailboxServer: /);
});
