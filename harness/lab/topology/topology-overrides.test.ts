import t from "tap";
import { LineCounter, parseDocument } from "yaml";
import { DEFAULT_TOPOLOGY, defaultLoadedTopology, defaultTopology } from "./topology-default.js";
import type { InputSource } from "../../input/input-error.js";
import { MERGE_KEYS } from "./topology-merge.js";
import { applyLoadedOverrides, applyOverrides } from "./topology-overrides.js";
import { yamlLocator } from "../../input/yaml-locator.js";

/** A scenario file's `lab:` overrides, as a scenario loader would hand them over: data plus a locator. */
function scenario(text: string, file = "scenarios/incompatible.yaml"): { overrides: unknown; source: InputSource } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true });
  const data = document.toJS() as { lab?: unknown };
  return { overrides: data.lab, source: { file, pathPrefix: ["lab"], locate: yamlLocator(document, lineCounter) } };
}

t.test("docs/design.md §6's example: one dial plan's VoIPSecurity, everything else kept", async (t) => {
  const { overrides, source } = scenario("name: x\nlab: { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] }\n");
  const topology = applyOverrides(defaultLoadedTopology(), overrides, source);
  t.match(topology.dialPlans, [
    { name: "DP1", voipSecurity: "SIPSecured", phoneContext: "dp1.contoso.com", servers: { length: 5 } },
    { name: "DP2010", voipSecurity: "Secured" },
  ]);
  t.equal(topology.servers.length, 10);
  t.equal(defaultTopology().dialPlans[0]?.voipSecurity, "Secured", "the default is untouched");
  t.equal(DEFAULT_TOPOLOGY.dialPlans[0].voipSecurity, "Secured");
});

t.test("named things merge by key without regard to case; new ones are appended", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), {
    servers: [
      { fqdn: "MBX03.Dublin.Contoso.com", state: "disabled" },
      { fqdn: "mbx05.dublin.contoso.com", role: "mailbox", startupMode: "TLS" },
    ],
    dialPlans: [{ name: "dp1", servers: ["cas01.tukwila.contoso.com", "mbx05.dublin.contoso.com"] }],
    users: [{ sipAddress: "sip:Alice@contoso.com", mailboxServer: "mbx05.dublin.contoso.com" }],
    umIpGateways: [{ name: "pool01", huntGroups: [{ dialPlan: "DP1", pilot: "vm" }] }],
  });
  t.match(topology.servers[3], { fqdn: "mbx03.dublin.contoso.com", state: "disabled", startupMode: "Dual" });
  t.match(topology.servers[10], { fqdn: "mbx05.dublin.contoso.com", startupMode: "TLS", certificate: "mbx05" });
  t.same(topology.dialPlans[0]?.servers, ["cas01.tukwila.contoso.com", "mbx05.dublin.contoso.com"], "a member list is replaced");
  t.match(topology.users[0], { sipAddress: "alice@contoso.com", extension: "1001", mailboxServer: "mbx05.dublin.contoso.com" });
  t.same(
    topology.umIpGateways[0]?.huntGroups.map((g) => [g.name, g.pilot]),
    [
      ["DP1", "vm"],
      ["DP2010", "dp2010"],
    ],
  );
});

t.test("computed values follow the overridden values they come from", async (t) => {
  const loaded = applyLoadedOverrides(defaultLoadedTopology(), {
    dialPlans: [{ name: "DP1", phoneContext: "tukwila.contoso.com" }],
    servers: [{ fqdn: "med01.contoso.com", trunk: { transport: "tcp" } }],
  });
  const topology = loaded.topology;
  t.equal(topology.umIpGateways[0]?.huntGroups[0]?.pilot, "tukwila", "hunt group pilot = first label of the new PhoneContext");
  t.equal(topology.subscriberAccess[0]?.pilot, "dp1.contoso.com", "a pilot written in the base stays as written");
  const mediation = topology.servers.find((s) => s.role === "mediation");
  t.match(mediation, { trunk: { transport: "tcp", srtpMode: "NotSupported" } });
  // A loaded topology is a plain value: a copy (structuredClone, as the lab takes it) keeps what it was written as.
  const back = applyOverrides(structuredClone(loaded), { servers: [{ fqdn: "med01.contoso.com", trunk: { transport: "tls" } }] });
  t.match(back.servers.find((s) => s.role === "mediation"), { trunk: { transport: "tls", srtpMode: "Required" } }, "the configured SRTPMode comes back on TLS");
});

t.test("faults: a fault makes a server faulty; null removes it again", async (t) => {
  const faulty = applyLoadedOverrides(defaultLoadedTopology(), { servers: [{ fqdn: "mbx01.tukwila.contoso.com", fault: { kind: "tls-abort" } }] });
  t.match(faulty.topology.servers[1], { state: "faulty", fault: { kind: "tls-abort" } });
  const healed = applyOverrides(faulty, { servers: [{ fqdn: "mbx01.tukwila.contoso.com", fault: null }] });
  t.equal(healed.servers[1]?.state, "running");
  t.equal(healed.servers[1]?.fault, undefined);
});

t.test("a topology as written works as the base too", async (t) => {
  const topology = applyOverrides(DEFAULT_TOPOLOGY, { behaviour: { worker: { portLayout: "single" } } });
  t.equal(topology.behaviour.worker.portLayout, "single");
  t.equal(topology.behaviour.worker.incompatibleSecurity.status, 488);
  t.equal(applyOverrides(DEFAULT_TOPOLOGY, undefined).dialPlans[0]?.voipSecurity, "Secured", "no overrides: the base");
});

t.test("override errors name the scenario file, line, column and the path under lab:", async (t) => {
  const cases: { yaml: string; field: string; message: RegExp }[] = [
    {
      yaml: "name: x\nlab:\n  dialPlans:\n    - name: DP1\n      voipSecurity: SIPSecure\n",
      field: "lab.dialPlans[0].voipSecurity",
      message: /^scenarios\/incompatible\.yaml:5:21: lab\.dialPlans\[0\]\.voipSecurity: "SIPSecure" is not one of: Unsecured, SIPSecured, Secured$/,
    },
    {
      yaml: "lab:\n  servers:\n    - fqdn: cas01.tukwila.contoso.com\n      encryptionLevel: RequireEncryption\n",
      field: "lab.servers[0].encryptionLevel",
      message: /^scenarios\/incompatible\.yaml:4:7: lab\.servers\[0\]\.encryptionLevel: unknown key "encryptionLevel"/,
    },
    {
      yaml: "lab:\n  users:\n    - { sipAddress: dave@contoso.com, extension: 1009, dialPlan: DP9, mailboxServer: mbx01.tukwila.contoso.com }\n",
      field: "lab.users[0].dialPlan",
      message: /^scenarios\/incompatible\.yaml:3:66: lab\.users\[0\]\.dialPlan: dial plan "DP9" does not exist/,
    },
    {
      yaml: "lab:\n  dialPlans:\n    - { name: DP1 }\n    - { name: DP3, servers: [nobody.contoso.com] }\n",
      field: "lab.dialPlans[1].servers[0]",
      message: /incompatible\.yaml:4:30: lab\.dialPlans\[1\]\.servers\[0\]: dial plan member "nobody\.contoso\.com" is not a server/,
    },
    {
      yaml: "lab:\n  servers:\n    - { fqdn: mbx05.contoso.com, startupMode: Dual }\n",
      field: "lab.servers[0].role",
      message: /incompatible\.yaml:3:7: lab\.servers\[0\]\.role: "role" is missing/,
    },
  ];
  for (const c of cases) {
    const { overrides, source } = scenario(c.yaml);
    t.throws(() => applyOverrides(defaultLoadedTopology(), overrides, source), { code: "EXUM_TOPOLOGY_OVERRIDE_INVALID", exitCode: 2, file: "scenarios/incompatible.yaml", field: c.field, message: c.message }, c.field);
  }
});

t.test("a base value the overrides make invalid is reported as such", async (t) => {
  const { overrides, source } = scenario("lab:\n  servers:\n    - { fqdn: mbx01.tukwila.contoso.com, role: pool }\n");
  t.throws(() => applyOverrides(defaultLoadedTopology(), overrides, source), {
    code: "EXUM_TOPOLOGY_OVERRIDE_INVALID",
    field: "lab",
    message: /these overrides make the built-in default topology invalid at servers\[1\]\.exchangeVersion: unknown key[^]*invalid at dialPlans\[0\]\.servers\[1\]: dial plan member "mbx01\.tukwila\.contoso\.com" is a pool server/,
  });
});

t.test("overrides must be a mapping", async (t) => {
  for (const bad of [[], "DP1", 3]) {
    t.throws(() => applyOverrides(defaultLoadedTopology(), bad, { file: "s.yaml", pathPrefix: ["lab"] }), { code: "EXUM_TOPOLOGY_OVERRIDE_INVALID", field: "lab", message: /must be a mapping/ });
  }
});

t.test("the merge keys are documented", async (t) => {
  t.same(Object.keys(MERGE_KEYS), ["servers", "dialPlans", "umIpGateways", "umIpGateways[].huntGroups", "users", "autoAttendants", "subscriberAccess"]);
});
