import t from "tap";
import { probeCall } from "../sip/call-probe.js";
import { type CallProbeResult } from "../model/probe-result.js";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const VOICEMAIL = ";opaque=app:voicemail";
const DIVERSION = "Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1";

/** The raw Contact line of the first 3xx the client received. */
function redirectContacts(result: CallProbeResult): string[] {
  return result.trace
    .filter((entry) => entry.direction === "received" && /^SIP\/2\.0 30[23]/.test(entry.firstLine))
    .map((entry) => /^Contact: (.*)$/m.exec(entry.raw)?.[1]?.trim() ?? "");
}

/** A voice-mail call for alice through the Call Router, as the pool places it (docs/protocol.md §8). */
async function voicemail(lab: Lab, options: { persona?: string | null; listener?: "sip-tls" | "sip-tcp"; diversion?: boolean; user?: string; policy?: "required" | "optional" | "none" } = {}) {
  const listener = options.listener ?? "sip-tls";
  return probeCall(labTarget(lab, CAS, listener, options.user ?? "alice", VOICEMAIL), {
    ...(await clientOptions(lab, options.persona === undefined ? "pool" : options.persona)),
    policy: options.policy ?? "required",
    extraHeaders: options.diversion === false ? [] : [DIVERSION],
  });
}

t.test("the redirect chain Call Router → UM service → worker, each Contact as docs/protocol.md §1 says", async (t) => {
  const lab = await startTestLab(t);
  const result = await voicemail(lab);
  t.match(result, { outcome: "answered", status: 200, negotiated: { signaling: "mtls", media: "srtp", mode: "Secured" } });
  t.same(
    result.hops.map((hop) => [hop.status, hop.port]),
    [
      [302, 5061],
      [302, 5063],
      [200, 5066],
    ],
  );
  // The Request-URI's transport=tls is kept in its place, spelled as the published capture spells it (Tls).
  t.same(redirectContacts(result), [
    `<sip:alice@${MBX1}:5063;transport=Tls;opaque=app:voicemail>`,
    `<sip:alice@${MBX1}:5066;transport=Tls;opaque=app:voicemail>`,
  ]);
  t.equal(result.hops[1]?.address, lab.server(MBX1).address);
  t.match(lab.calls.ended(MBX1), [{ endedBy: "peer-bye", media: "srtp", listener: "worker-tls" }]);
});

t.test("maddr in the Request-URI is rewritten to the new host; transport spelled per behaviour", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { behaviour: { callRouter: { contactTransport: "lower" } } });
  const lab = await startTestLab(t, { topology });
  const casAddress = lab.server(CAS).address;
  const result = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", `${VOICEMAIL};maddr=${casAddress}`), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    extraHeaders: [DIVERSION],
  });
  t.equal(result.outcome, "answered");
  t.equal(redirectContacts(result)[0], `<sip:alice@${MBX1}:5063;transport=tls;opaque=app:voicemail;maddr=${MBX1}>`);
});

t.test("Subscriber Access and the auto attendant by pilot; bob on mbx02 (docs/protocol.md §5, §8)", async (t) => {
  const lab = await startTestLab(t);
  const options = { ...(await clientOptions(lab, "pool")), policy: "required" as const };
  const access = await probeCall(labTarget(lab, CAS, "sip-tls", "dp1.contoso.com"), options);
  t.equal(access.outcome, "answered");
  t.match(redirectContacts(access)[0], `<sip:dp1.contoso.com@${MBX1}:5063;transport=Tls>`);
  const attendant = await probeCall(labTarget(lab, CAS, "sip-tls", "aa"), options);
  t.equal(attendant.outcome, "answered");
  const bob = await probeCall(labTarget(lab, CAS, "sip-tls", "dp1"), { ...options, extraHeaders: ["Diversion: <sip:bob@contoso.com>;reason=no-answer"] });
  t.match(redirectContacts(bob)[0], "mbx02.tukwila.contoso.com:5063");
});

t.test("a certificate naming no UM IP gateway: 403 UnAuthorizedGateway, events 1021 and 1647 (docs/protocol.md §5)", async (t) => {
  const lab = await startTestLab(t);
  const result = await voicemail(lab, { persona: "owa" });
  t.match(result, { outcome: "failed", status: 403, failure: { code: "unauthorized-gateway" } });
  // docs/protocol.md §10 "Exchange rejection text": the reason is a sentence followed by details.
  t.match(result.hops[0]?.diagnostics[0], { header: "ms-diagnostics-public", code: 0, reason: /^Unauthorized gateway\. No UM IP gateway .*owapool\.contoso\.com/, source: CAS });
  t.same(
    lab.events.entries({ server: CAS }).map((event) => event.eventId),
    [1021, 1647],
  );
  t.match(lab.events.entries({ eventId: 1021 })[0], { details: { reason: "UnAuthorizedGateway", certificateNames: ["owapool.contoso.com"] } });
  t.match((await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "owa"))).status, 200, "OPTIONS still 200 (§6)");
});

t.test("a disabled gateway (and NoNewCalls) is rejected, event 1442", async (t) => {
  const lab = await startTestLab(t);
  lab.setGatewayStatus("pool01", "Disabled");
  const disabled = await voicemail(lab);
  t.match(disabled, { status: 403, failure: { code: "unauthorized-gateway" } });
  t.match(lab.events.entries({ eventId: 1442 }), [{ server: CAS, details: { detail: /is Disabled/ } }]);
  lab.setGatewayStatus("pool01.contoso.com", "NoNewCalls");
  t.match(await voicemail(lab), { status: 403 });
  lab.setGatewayStatus("pool01", "Enabled");
  t.equal((await voicemail(lab)).outcome, "answered");
  t.throws(() => lab.setGatewayStatus("nope", "Enabled"), { code: "EXUM_LAB_UNKNOWN_GATEWAY" });
});

t.test("security parity: TCP into the Secured dial plan, TLS into an Unsecured one → 403 IncorrectHuntGroup (docs/protocol.md §2)", async (t) => {
  const lab = await startTestLab(t);
  const tcp = await voicemail(lab, { listener: "sip-tcp" });
  t.match(tcp, { status: 403, failure: { code: "security-parity" } });
  // docs/protocol.md §10: "for a wrong hunt group `… Pilot number: <n>. UMIPGateway: <name>.`".
  t.match(tcp.hops[0]?.diagnostics[0], { reason: "Incorrect hunt group. Pilot number: alice. UMIPGateway: pool01." });
  const unsecured = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", voipSecurity: "Unsecured" }] }) });
  const tls = await voicemail(unsecured);
  t.match(tls, { status: 403, failure: { code: "security-parity" } });
  const plain = await voicemail(unsecured, { listener: "sip-tcp", policy: "optional" });
  t.match(plain, { outcome: "answered", negotiated: { signaling: "tcp", media: "rtp", mode: "Unsecured" } });
  t.same(
    plain.hops.map((hop) => [hop.transport, hop.port]),
    [
      ["tcp", 5060],
      ["tcp", 5062],
      ["tcp", 5065],
    ],
  );
});

t.test("dial plan, user and diversion resolution failures (docs/protocol.md §4 names)", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { users: [{ sipAddress: "bob@contoso.com", umEnabled: false }] });
  const lab = await startTestLab(t, { topology });
  const options = { ...(await clientOptions(lab, "pool")), policy: "required" as const };
  // The reason is a sentence with details (docs/protocol.md §10); each leads with its §4 name, in words.
  const reasonOf = (result: CallProbeResult) => [result.status, /^[^.]*\./.exec(result.hops[0]?.diagnostics[0]?.reason ?? "")?.[0]];
  t.same(reasonOf(await probeCall(labTarget(lab, CAS, "sip-tls", "nosuchpilot"), options)), [403, "Dial plan not found."]);
  t.same(reasonOf(await voicemail(lab, { user: "zed" })), [403, "Could not find user by SIP URI."]);
  t.same(reasonOf(await voicemail(lab, { user: "bob" })), [403, "Mailbox is not UM enabled."]);
  t.same(reasonOf(await voicemail(lab, { diversion: false })), [403, "Invalid diversion format."], "call answering without a diversion");
  t.equal(lab.events.entries({ server: CAS, eventId: 1647 }).length, 4);
});

t.test("a Call Router that is not a member of the dial plan rejects with DialPlanNotLinked [INF]", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", servers: ["mbx01.tukwila.contoso.com"] }] });
  const lab = await startTestLab(t, { topology });
  const result = await voicemail(lab);
  t.match(result.hops[0]?.diagnostics[0], { reason: /^Dial plan not linked\. cas01\.tukwila\.contoso\.com is not a member of dial plan DP1\.$/ });
});

t.test("UMStartupMode TCP: no listener on 5061, connection refused (docs/protocol.md §1)", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, startupMode: "TCP" }] });
  const lab = await startTestLab(t, { topology });
  t.same(
    lab.server(CAS).listeners().map((l) => [l.name, l.open]),
    [
      ["sip-tcp", true],
      ["sip-tls", false],
    ],
  );
  const result = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(result, { outcome: "failed", status: null, failure: { code: "connection-refused" } });
});

t.test("a redirect status of 303 and an OPTIONS status from the behaviour settings", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { behaviour: { callRouter: { redirectStatus: 303, optionsStatus: 403 } } });
  const lab = await startTestLab(t, { topology });
  const result = await voicemail(lab);
  t.equal(result.hops[0]?.status, 303);
  t.equal(result.outcome, "answered");
  t.equal((await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"))).status, 403);
  t.equal(lab.events.entries({ eventId: 1651 }).length, 1);
});

t.test("pointAt: mbx01's A record at mbx03 makes alice's call land on mbx03 (seed example 1, docs/protocol.md §7)", async (t) => {
  const lab = await startTestLab(t);
  lab.pointAt(MBX1, "mbx03.dublin.contoso.com");
  const mismatch = await voicemail(lab);
  t.match(mismatch, { outcome: "failed", failure: { code: "tls-name-mismatch" } }, "mbx03's own certificate does not name mbx01 (§7: certificates must carry all four FQDNs)");
  t.equal(mismatch.hops[1]?.address, lab.server("mbx03").address, "the UM service hop went to mbx03's address");

  const redundant = applyOverrides(defaultLoadedTopology(), { servers: ["mbx01.tukwila.contoso.com", "mbx03.dublin.contoso.com"].map((fqdn) => ({ fqdn, certificate: "redundant-um-san" })) });
  const seeded = await startTestLab(t, { topology: redundant });
  seeded.pointAt(MBX1, "mbx03.dublin.contoso.com");
  const result = await voicemail(seeded);
  t.equal(result.outcome, "answered");
  t.equal(result.hops[2]?.address, seeded.server("mbx03").address);
  t.match(seeded.calls.ended("mbx03.dublin.contoso.com"), [{ endedBy: "peer-bye" }], "mbx03's worker held the call");
  t.same(seeded.calls.ended(MBX1), []);
  seeded.names.reset();
  t.equal((await voicemail(seeded)).outcome, "answered");
  t.equal(seeded.calls.ended(MBX1).length, 1, "back on mbx01 once the record is reset");
});
