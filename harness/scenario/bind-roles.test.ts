import { join } from "node:path";
import t from "tap";
import { defaultLoadedTopology } from "../lab/topology/topology-default.js";
import { parseLoadedTopology } from "../lab/topology/topology-parse.js";
import { bindRoles, type BindTarget } from "./bind-roles.js";
import { loadScenarioFile, parseScenarioYaml } from "./load-scenario.js";
import { parseSiteYaml } from "./load-site.js";
import type { PlannedStep } from "./plan.js";

const TESTDATA = join(import.meta.dirname, "testdata");
const lab: BindTarget = { kind: "lab", topology: defaultLoadedTopology() };

const SITE = `domain: contoso.com
roles:
  callRouter: [cas01.contoso.com, cas02.contoso.com]
  umService: [mbx01.contoso.com, { fqdn: mbx02.contoso.com, tlsPort: 5163 }]
  pool: pool01.contoso.com
  mediation: med01.contoso.com
identity: { pfx: pool.pfx, passphraseEnv: EXUM_PFX_PASSPHRASE }
identities: { gateway: { cert: gw.crt, key: gw.key } }
caBundle: ca.pem
users: [{ sipAddress: umtest1@contoso.com, alias: alice }]
pilots: { subscriberAccess: dp1.contoso.com, autoAttendant: "sip:+14255550100@contoso.com" }
media: { encryptionLevel: SupportEncryption }
safety: { maxCalls: 3, maxHold: 2s }
`;
const site: BindTarget = { kind: "site", site: parseSiteYaml(SITE, "/sites/contoso.yaml") };

function plan(steps: string, target: BindTarget = lab, head = "") {
  return bindRoles(parseScenarioYaml(`name: t\nsummary: s\n${head}steps:\n${steps}`, "t.yaml"), target);
}

function only<K extends PlannedStep["kind"]>(steps: readonly PlannedStep[], kind: K): Extract<PlannedStep, { kind: K }> {
  const step = steps[0];
  if (step?.kind !== kind) throw new Error(`expected a ${kind} step, got ${step?.kind}`);
  return step as Extract<PlannedStep, { kind: K }>;
}

t.test("lab: roles bind to the topology's FQDNs and real ports", async (t) => {
  const options = only(plan("  - options: callRouter\n").steps, "options");
  t.same(options.endpoint, { ref: "callRouter", role: "callRouter", fqdn: "cas01.tukwila.contoso.com", port: 5061, transport: "tls", listener: "sip-tls" });
  t.equal(options.requestUri, "sip:cas01.tukwila.contoso.com:5061;transport=tls");
  t.same(options.persona, { persona: "pool", identity: { kind: "lab", certificate: "pool01", fqdn: "pool01.contoso.com" }, fromDomain: "pool01.contoso.com" });
  t.equal(options.timeoutMs, 8_000);
  const ports = (ref: string, as = "pool", transport = "tls") => only(plan(`  - options: { to: ${ref}, transport: ${transport} }\n    as: ${as}\n`).steps, "options").endpoint;
  t.match(ports("umService"), { fqdn: "mbx01.tukwila.contoso.com", port: 5063, listener: "um-tls" });
  t.match(ports("umService:mbx03"), { fqdn: "mbx03.dublin.contoso.com", port: 5063 });
  t.match(ports("worker:um2010"), { fqdn: "um2010.contoso.com", port: 5066, listener: "worker-tls" });
  t.match(ports("mbx04.dublin.contoso.com"), { role: "umService", port: 5063 });
  t.match(ports("exchange2010"), { fqdn: "um2010.contoso.com", port: 5061 });
  t.match(ports("mediation"), { fqdn: "med01.contoso.com", port: 5070, listener: "pool-mtls" });
  t.match(ports("mediation", "gateway"), { port: 5067, listener: "gateway-tls" });
  t.match(ports("mediation", "gateway", "tcp"), { port: 5068, listener: "gateway-tcp" });
  t.match(ports("callRouter", "gateway", "tcp"), { port: 5060, listener: "sip-tcp" });
  t.match(ports("owa"), { fqdn: "owapool.contoso.com", port: 5199 });
  t.match(ports("sip:mbx02.tukwila.contoso.com:5066;transport=tls"), { role: "worker", fqdn: "mbx02.tukwila.contoso.com", port: 5066, listener: "worker-tls" });
});

t.test("lab: calls get their Request-URI, Diversion, first hop and media setting (docs/protocol.md §8)", async (t) => {
  const voicemail = only(plan("  - call: { to: voicemail:alice }\n").steps, "call");
  t.same(voicemail.call, {
    to: "voicemail:alice",
    destination: "voicemail",
    requestUri: "sip:alice@contoso.com;opaque=app:voicemail",
    headers: ["Diversion: <sip:alice@contoso.com>"],
    media: { setting: "EncryptionLevel", value: "RequireEncryption", policy: "required" },
    holdMs: 0,
    dtmf: null,
    srtpMki: true,
    offer: "audio",
  });
  t.equal(only(plan("  - call: { to: voicemail:alice, offer: fax }\n").steps, "call").call.offer, "fax", "offer: fax is carried to the probe");
  t.match(voicemail.via, { role: "callRouter", fqdn: "cas01.tukwila.contoso.com", port: 5061 });
  const carol = only(plan("  - call: { to: voicemail:carol, hold: 2s }\n").steps, "call");
  t.match(carol.via, { role: "exchange2010", fqdn: "um2010.contoso.com", port: 5061 }, "Exchange 2010 users go to their UM server");
  t.equal(carol.call.holdMs, 2_000);
  const access = only(plan("  - call: { to: subscriberAccess }\n").steps, "call");
  t.same([access.call.requestUri, access.call.headers], ["sip:dp1.contoso.com@contoso.com", []], "no diversion on Subscriber Access");
  const diverted = only(plan('  - call: { to: subscriberAccess, via: pool, headers: ["Diversion: <sip:bob@contoso.com>"] }\n').steps, "call");
  t.same([diverted.call.headers, diverted.via.fqdn], [["Diversion: <sip:bob@contoso.com>"], "pool01.contoso.com"], "a step's headers after the destination's");
  const attendant = only(plan("  - call: { to: \"autoAttendant:Contoso AA\", via: umService:mbx03 }\n").steps, "call");
  t.same([attendant.call.requestUri, attendant.via.fqdn], ["sip:aa@contoso.com", "mbx03.dublin.contoso.com"]);
  const overridden = only(plan("  - call: { to: voicemail:alice }\n", lab, "lab: { servers: [{ fqdn: pool01.contoso.com, encryptionLevel: SupportEncryption }] }\n").steps, "call");
  t.same(overridden.call.media, { setting: "EncryptionLevel", value: "SupportEncryption", policy: "optional" }, "the pool's EncryptionLevel from the topology");
  const mediation = only(plan("  - call: { to: subscriberAccess }\n    as: mediation\n").steps, "call");
  t.same(mediation.call.media, { setting: "SRTPMode", value: "Required", policy: "required" });
  t.match(mediation.persona.identity, { certificate: "med01" });
  const tcp = only(plan("  - call: { to: subscriberAccess, transport: tcp }\n    as: gateway\n").steps, "call");
  t.same(tcp.call.media, { setting: "SRTPMode", value: "NotSupported", policy: "none" }, "SRTPMode forced to NotSupported on TCP");
  t.match(tcp.via, { transport: "tcp", port: 5060 });
  const explicit = only(plan("  - call: { to: subscriberAccess, srtpMode: Optional }\n").steps, "call");
  t.same(explicit.call.media, { setting: "SRTPMode", value: "Optional", policy: "optional" });
});

t.test("lab: the persona presents the certificate the topology gives its server", async (t) => {
  const step = only(plan("  - options: callRouter\n", lab, "lab: { servers: [{ fqdn: pool01.contoso.com, certificate: no-client-auth }] }\n").steps, "options");
  t.same(step.persona.identity, { kind: "lab", certificate: "no-client-auth", fqdn: "pool01.contoso.com" });
});

t.test("lab: expectation roles, certs, lab changes, failover and wait", async (t) => {
  const steps = plan(`  - call: { to: voicemail:alice }
    expect: { redirects: [callRouter, umService:mbx01], servedBy: worker:mbx01 }
  - certs: { target: umService:mbx03, peers: [mbx01, mbx02.tukwila.contoso.com] }
  - lab:
      dns: { mbx01: mbx03, mbx02.tukwila.contoso.com: 127.0.0.9, mbx04: null }
      server: { fqdn: mbx03, state: disabled }
      gateway: { address: pool01, status: Disabled }
      fault: { server: cas01, kind: slow, delayMs: 100, listeners: [sip-tls] }
  - failover: { servers: [mbx01, umService:mbx02, umService:mbx03], call: { to: voicemail:bob }, maxServers: 2, attemptTimeout: 3s }
    expect: { tried: [mbx01, mbx02], servedBy: mbx02 }
  - wait: 250
`).steps;
  const [call, certs, change, failover, wait] = steps;
  t.match(call, {
    kind: "call",
    refs: {
      redirects: [
        { ref: "callRouter", role: "callRouter", fqdn: null },
        { ref: "umService:mbx01", role: "umService", fqdn: "mbx01.tukwila.contoso.com" },
      ],
      servedBy: { ref: "worker:mbx01", role: "worker", fqdn: "mbx01.tukwila.contoso.com" },
      tried: null,
    },
  });
  t.match(certs, { kind: "certs", fqdn: "mbx03.dublin.contoso.com", peers: ["mbx01.tukwila.contoso.com", "mbx02.tukwila.contoso.com"], endpoint: { port: 5063 } });
  t.same(change?.kind === "lab" ? change.changes : null, [
    { kind: "dns-point", fqdn: "mbx01.tukwila.contoso.com", target: "mbx03.dublin.contoso.com" },
    { kind: "dns-set", fqdn: "mbx02.tukwila.contoso.com", address: "127.0.0.9" },
    { kind: "dns-delete", fqdn: "mbx04.dublin.contoso.com" },
    { kind: "server-state", fqdn: "mbx03.dublin.contoso.com", state: "disabled" },
    { kind: "gateway-status", name: "pool01", status: "Disabled" },
    { kind: "fault", fqdn: "cas01.tukwila.contoso.com", fault: { kind: "slow", delayMs: 100, listeners: ["sip-tls"] } },
  ]);
  t.equal(change?.name, "lab: dns, server, gateway, fault");
  t.match(failover, { kind: "failover", attemptTimeoutMs: 3_000, servers: [{ fqdn: "mbx01.tukwila.contoso.com" }, { fqdn: "mbx02.tukwila.contoso.com" }] });
  t.equal(failover?.kind === "failover" ? failover.servers.length : 0, 2, "cut to maxServers");
  t.match(wait, { kind: "wait", ms: 250, name: "wait 250 ms" });
});

t.test("lab: what cannot be bound is EXUM_SCENARIO_UNBOUND at the step's path and line", async (t) => {
  await t.rejects(
    loadScenarioFile(join(TESTDATA, "unbound", "unknown-user.yaml")).then((loaded) => bindRoles(loaded, lab)),
    { code: "EXUM_SCENARIO_UNBOUND", exitCode: 2, field: "steps[0].call.to", message: /unknown-user\.yaml:4:\d+: steps\[0\]\.call\.to: "zed" is not a UM-enabled user/ },
  );
  await t.rejects(
    loadScenarioFile(join(TESTDATA, "unbound", "wrong-role-server.yaml")).then((loaded) => bindRoles(loaded, lab)),
    { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].expect.servedBy", hint: /worker:mbx01/ },
  );
  const unbound = (steps: string, head = "") => () => plan(steps, lab, head);
  t.throws(unbound("  - options: mbx09\n"), { field: "steps[0].options", message: /not a server of the lab/ });
  t.throws(unbound("  - options: { to: pool, transport: tcp }\n"), { field: "steps[0].options.transport", message: /mutual TLS only/ });
  t.throws(unbound("  - options: { to: pool, transport: tcp }\n    as: gateway\n"), { field: "steps[0].options.to", message: /takes no TCP/ });
  t.throws(unbound("  - call: { to: subscriberAccess }\n    as: owa\n"), { field: "steps[0].call", message: /places no calls/ });
  t.throws(unbound("  - call: { to: user:zed }\n"), { field: "steps[0].call.to", message: /zed/ });
  t.throws(unbound("  - call: { to: \"sip:x@nowhere.contoso.com\" }\n"), { field: "steps[0].call.to", message: /not a server of the lab/ });
  t.throws(unbound("  - lab: { server: { fqdn: mbx01, state: faulty } }\n"), { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].lab.server.state" });
  t.throws(unbound("  - lab: { gateway: { name: nope, status: Disabled } }\n"), { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].lab.gateway.name" });
  t.throws(unbound("  - lab: { fault: { server: cas01, kind: refuse, listeners: [um-tls] } }\n"), { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].lab.fault.listeners[0]" });
  t.throws(unbound("  - failover: { servers: [mbx01, nope], call: { to: voicemail:alice } }\n"), { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].failover.servers[1]" });
  const minimal: BindTarget = { kind: "lab", topology: parseLoadedTopology({ servers: [{ fqdn: "cas01.tukwila.contoso.com", role: "callRouter" }] }) };
  const overrides = "lab: { users: [{ sipAddress: x@contoso.com, extension: 1, dialPlan: DP1, mailboxServer: mbx01.tukwila.contoso.com }] }\n";
  t.throws(() => plan("  - options: callRouter\n", minimal, overrides), { code: "EXUM_SCENARIO_INVALID", field: "lab.users[0].dialPlan" }, "overrides that another base topology cannot take");
});

t.test("site: roles bind to the site's servers, identity files and pilots", async (t) => {
  const steps = plan(`  - options: callRouter
  - call: { to: voicemail:alice, hold: 1s }
  - call: { to: autoAttendant }
  - options: umService:mbx02
    as: gateway
`, site).steps;
  const [options, call, attendant, gateway] = steps;
  t.match(options, { endpoint: { ref: "callRouter", role: "callRouter", fqdn: "cas01.contoso.com", port: 5061, listener: null } });
  t.match(options, { persona: { identity: { kind: "files", pfx: "/sites/pool.pfx", passphraseEnv: "EXUM_PFX_PASSPHRASE", cert: null }, fromDomain: null } });
  t.match(call, {
    via: { fqdn: "cas01.contoso.com" },
    call: { requestUri: "sip:umtest1@contoso.com;opaque=app:voicemail", headers: ["Diversion: <sip:umtest1@contoso.com>"], media: { value: "SupportEncryption" }, holdMs: 1_000 },
  });
  t.match(attendant, { call: { requestUri: "sip:+14255550100@contoso.com", headers: [] } });
  t.match(gateway, { endpoint: { fqdn: "mbx02.contoso.com", port: 5163 }, persona: { identity: { kind: "files", cert: "/sites/gw.crt", key: "/sites/gw.key" } } });
  const result = plan("  - options: callRouter\n", site);
  t.same(result.trust, { kind: "files", caFiles: ["/sites/ca.pem"] });
  t.equal(result.topology, null);
});

t.test("site: lab steps, unbound roles, users, and safety limits are errors naming the step", async (t) => {
  await t.rejects(
    loadScenarioFile(join(TESTDATA, "unbound", "lab-step-not-lab-only.yaml")).then((loaded) => bindRoles(loaded, site)),
    { code: "EXUM_SCENARIO_UNBOUND", exitCode: 2, field: "steps[1].lab", message: /lab-step-not-lab-only\.yaml:5:\d+: steps\[1\]\.lab: this step changes the lab/, hint: /labOnly/ },
  );
  t.throws(() => plan("  - options: exchange2010\n", site), { field: "steps[0].options", message: /the site binds no exchange2010/ });
  t.throws(() => plan("  - call: { to: voicemail:carol }\n", site), { field: "steps[0].call.to", message: /no user "carol"/ });
  t.throws(() => plan("  - call: { to: voicemail:alice, hold: 3s }\n", site), { field: "steps[0].call.hold", message: /maxHold/ });
  t.throws(() => plan("  - call: { to: subscriberAccess }\n".repeat(4), site), { field: "steps[3]", message: /allows 3/ });
  t.throws(() => plan("  - call: { to: voicemail:alice }\n    expect: { servedBy: worker:mbx09 }\n", site), { code: "EXUM_SCENARIO_UNBOUND", field: "steps[0].expect.servedBy" });
  t.match(plan("  - call: { to: voicemail:alice }\n    expect: { servedBy: worker:mbx09.contoso.com }\n", site).steps[0], { refs: { servedBy: { role: "worker", fqdn: "mbx09.contoso.com" } } });
});

t.test("site: lab-only scenarios and unmet site.requires are skipped, not errors", async (t) => {
  const labOnly = plan("  - lab: { server: { fqdn: mbx01, state: stopped } }\n", site, "site: { labOnly: true, reason: stops servers }\n");
  t.same([labOnly.skip, labOnly.steps], ["lab only: stops servers", []]);
  const requires = plan("  - options: exchange2010\n", site, "site: { requires: [callRouter, exchange2010] }\n");
  t.equal(requires.skip, "the site binds no exchange2010 (site.requires)");
  t.equal(plan("  - options: callRouter\n", site, "site: { requires: [subscriberAccess] }\n").skip, null);
  const noted = plan("  - options: callRouter\n", site, "lab: { dialPlans: [{ name: DP1, voipSecurity: Secured }] }\n");
  t.match(noted.notes, [/not applied/]);
  t.equal(plan("  - lab: { server: { fqdn: mbx01, state: stopped } }\n", lab, "site: { labOnly: true }\n").skip, null, "lab-only runs on the lab");
});

t.test("site: nextHop sends calls without via: to that server, Request-URI as written; via: still wins", async (t) => {
  const withNextHop: BindTarget = { kind: "site", site: parseSiteYaml(`${SITE}nextHop: pool\n`, "/sites/contoso.yaml") };
  const [voicemail, routed] = plan("  - call: { to: voicemail:alice, hold: 1s }\n  - call: { to: voicemail:alice, hold: 1s, via: callRouter }\n", withNextHop).steps;
  t.match(voicemail, { via: { role: "pool", fqdn: "pool01.contoso.com", port: 5061 }, call: { requestUri: "sip:umtest1@contoso.com;opaque=app:voicemail" } });
  t.match(routed, { via: { role: "callRouter", fqdn: "cas01.contoso.com" } });
  const unbound: BindTarget = { kind: "site", site: parseSiteYaml(`${SITE}nextHop: gateway\n`, "/sites/contoso.yaml") };
  t.throws(() => plan("  - call: { to: voicemail:alice, hold: 1s }\n", unbound), { field: "steps[0].call.to", message: /nextHop "gateway" in \/sites\/contoso\.yaml: the site binds no gateway/ });
  t.throws(() => parseSiteYaml(`${SITE}nextHop: 10.0.0.1\n`, "/sites/contoso.yaml"), { field: "nextHop", message: /never addresses/ });
});
