import t from "tap";
import { probeCall } from "../../sip/call-probe.js";
import { viaNextHop, type SipTarget } from "../../sip/sip-target.js";
import { clientOptions, startTestLab } from "../lab-test-fixture.js";
import type { Lab } from "../lab.js";
import { defaultLoadedTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";
import type { ExumRouted } from "./exum-proxy.js";
import { poolHandler } from "./sim-pool.js";

const POOL = "pool01.contoso.com";

/**
 * The Microsoft support article KB4480742 (docs/protocol.md §10 [KB], contact objects moved to Skype for Business Server 2019), its capture:
 *   SIP/2.0 500 Server Internal Error
 *   ms-diagnostics: 15000;reason="Unable to read the user properties publication for the user or contact object.";source="NASEAPOOLFE01.CONTOSO.COM";appName="ExumRouting"
 *   Server: ExumRouting/7.0.0.0
 */
const KB_REASON = "Unable to read the user properties publication for the user or contact object.";

/** A call sent to the pool as its next hop, the Request-URI as written (how the Mediation Server sends it). */
function viaPool(lab: Lab, requestUri: string): SipTarget {
  const port = lab.server(POOL).listeners().find((entry) => entry.name === "sip-tls")?.port ?? 5061;
  return { ...viaNextHop(requestUri, { host: POOL, port }), transport: "tls" };
}

t.test("voice mail through the pool: ExumRouting follows the Call Router's and UM service's 302s itself; SRTP end to end", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), { ...(await clientOptions(lab, "mediation")), policy: "required", holdMs: 1200 });
  t.match(result, { outcome: "answered", status: 200, negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80" } });
  t.equal(result.hops.length, 1, "the caller sees one hop: the pool answers with the worker's 200, no redirect reaches it");
  t.equal(result.hops[0]?.host, POOL);
  t.match(result.hops[0]?.headers, { contact: [/mbx01\.tukwila\.contoso\.com/] }, "the 200's Contact is alice's Mailbox server's worker");
  const ok = result.trace.find((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 200") && /CSeq: \d+ INVITE/i.test(entry.raw));
  t.match(ok?.raw, /\r\nRecord-Route: <sip:pool01\.contoso\.com:\d+;transport=tls;lr>\r\n/, "the pool stays in the dialog (RFC 3261 §16.6 step 4)");
  t.notMatch(ok?.raw, /branch=z9hG4bKexum/, "the pool's own Via was taken off the answer (RFC 3261 §16.7 step 3)");
  const answer = result.sdp?.answer ?? "";
  t.match(answer, new RegExp(`c=IN IP4 ${lab.server("mbx01.tukwila.contoso.com").address.replace(/\./g, "\\.")}`), "media answers from the worker's address: the SDP went through unchanged");
  t.match(result.media, { received: { audio: { tones: [360] } } }, "alice's greeting (360 Hz, um-call-prompts.ts)");
  t.equal(result.endedBy, "us", "our BYE went through the pool to the worker and its 200 came back");
});

t.test("a user the pool cannot read: 500 + ms-diagnostics 15000 appName=ExumRouting, Server ExumRouting/7.0.0.0 (§10 [KB])", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(viaPool(lab, "sip:nobody@contoso.com;opaque=app:voicemail"), { ...(await clientOptions(lab, "mediation")), policy: "required" });
  t.match(result, { outcome: "failed", status: 500, reason: "Server Internal Error", failure: { code: "exum-user-not-readable" } });
  t.match(result.hops[0]?.headers, { server: ["ExumRouting/7.0.0.0"] });
  t.match(result.hops[0]?.diagnostics, [{ header: "ms-diagnostics", code: 15000, component: "exchange-um-routing", reason: KB_REASON, source: POOL, appName: "ExumRouting" }]);
});

t.test("a Subscriber Access number whose contact object is missing or was moved fails as in the article", async (t) => {
  const lab = await startTestLab(t);
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const };
  const ok = await probeCall(viaPool(lab, "sip:dp1.contoso.com@contoso.com"), options);
  t.match(ok, { outcome: "answered", status: 200 }, "with OcsUmUtil's contact object the pool routes the number");
  for (const state of ["missing", "moved"] as const) {
    const access = lab.topology.subscriberAccess[0];
    if (access === undefined) throw new Error("the default topology has a Subscriber Access number");
    access.contactObject = state;
    const result = await probeCall(viaPool(lab, "sip:dp1.contoso.com@contoso.com"), options);
    t.match(result, { status: 500, hops: [{ diagnostics: [{ code: 15000, reason: KB_REASON, appName: "ExumRouting" }] }] }, state);
  }
});

t.test("Exchange 2010: the Lync dial plan's name must match the UM dial plan's FQDN", async (t) => {
  const lab = await startTestLab(t);
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const };
  const ok = await probeCall(viaPool(lab, "sip:carol@contoso.com;opaque=app:voicemail"), options);
  t.match(ok, { outcome: "answered", status: 200 }, "carol on um2010, Lync dial plan = dp2010.contoso.com");
  const carol = lab.topology.users.find((user) => user.sipAddress === "carol@contoso.com");
  if (carol === undefined) throw new Error("carol is in the default topology");
  carol.lyncDialPlan = "DP2010";
  const result = await probeCall(viaPool(lab, "sip:carol@contoso.com;opaque=app:voicemail"), options);
  t.match(result, { outcome: "failed", status: 500, failure: { code: "exum-routing-failed" }, hops: [{ diagnostics: [{ code: 15004, appName: "ExumRouting" }] }] });
});

t.test("failover (MS-EUMR): a stopped UM server is passed over; all tried → 480", async (t) => {
  // A second Call Router in DP1 (docs/protocol.md §5: every Client Access server is a member of every SIP URI dial plan).
  const topology = applyOverrides(defaultLoadedTopology(), {
    servers: [{ fqdn: "cas02.tukwila.contoso.com", role: "callRouter", site: "Tukwila", startupMode: "Dual" }],
    dialPlans: [{ name: "DP1", servers: ["cas01.tukwila.contoso.com", "cas02.tukwila.contoso.com", "mbx01.tukwila.contoso.com", "mbx02.tukwila.contoso.com"] }],
  });
  const routed: ExumRouted[] = [];
  const lab = await startTestLab(t, { topology, roles: { pool: poolHandler({ onRouted: (seen) => routed.push(seen) }) } });
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const, timeoutMs: 8000 };
  const CAS01 = "cas01.tukwila.contoso.com";
  const CAS02 = "cas02.tukwila.contoso.com";
  await lab.setServerState("cas01.tukwila.contoso.com", "stopped");
  const moved = await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), options);
  t.match(moved, { outcome: "answered", status: 200 }, "cas01 refuses the connection; the pool moves on to cas02");
  t.same(routed.at(-1)?.tried, [CAS01, CAS02]);
  // "any failure response": a 503 from cas01 (fault service-unavailable) → cas02 serves.
  await lab.setFault("cas01.tukwila.contoso.com", { kind: "service-unavailable" });
  t.match(await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), options), { outcome: "answered" }, "a failure response moves the call on");
  t.same(routed.at(-1), { callId: routed.at(-1)?.callId, tried: [CAS01, CAS02], outcome: "answered" });
  // "or timer expiry": cas01 takes the connection and never answers (black-hole) → after serverTimerMs, cas02.
  lab.topology.behaviour.pool.serverTimerMs = 600;
  await lab.setFault("cas01.tukwila.contoso.com", { kind: "black-hole" });
  const started = Date.now();
  t.match(await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), options), { outcome: "answered" }, "a timer expiry moves the call on");
  t.ok(Date.now() - started >= 600, "the pool waited its timer before moving on");
  t.same(routed.at(-1)?.tried, [CAS01, CAS02]);
  await lab.setServerState("cas01.tukwila.contoso.com", "stopped");
  await lab.setServerState("cas02.tukwila.contoso.com", "stopped");
  const none = await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), options);
  t.match(routed.at(-1), { tried: [CAS01, CAS02], outcome: "all-failed" });
  t.match(none, { outcome: "failed", status: 480, failure: { code: "exum-routing-failed" }, hops: [{ diagnostics: [{ code: 15030, appName: "ExumRouting" }] }] });
});

t.test("the Diversion decides the mailbox: bob's voice mail is redirected to bob's Mailbox server and greeted as bob", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(viaPool(lab, "sip:bob@contoso.com;opaque=app:voicemail"), {
    ...(await clientOptions(lab, "mediation")),
    policy: "required",
    holdMs: 1200,
    extraHeaders: ["Diversion: <sip:alice@contoso.com>"],
  });
  t.match(result, { outcome: "answered", hops: [{ headers: { contact: [/mbx02\.tukwila\.contoso\.com/] } }] }, "the pool replaced the old Diversion with bob's");
  t.match(result.media, { received: { audio: { tones: [380] } } }, "bob's greeting (380 Hz), not alice's (360 Hz)");
});

t.test("a Diversion from an extension not in the dial plan: the Call Router writes event 1109; the pool ends with 480", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(viaPool(lab, "sip:dp1.contoso.com@contoso.com"), {
    ...(await clientOptions(lab, "mediation")),
    policy: "required",
    extraHeaders: ["Diversion: <sip:1999@contoso.com>;reason=no-answer"],
  });
  t.match(result, { outcome: "failed", status: 480, failure: { code: "exum-routing-failed" } });
  t.match(result.hops[0]?.diagnostics, [
    { header: "ms-diagnostics", code: 15030, appName: "ExumRouting" },
    { header: "ms-diagnostics-public", reason: /^Could not find user by SIP URI\./ },
  ], "the Call Router's own diagnostics travel with the 480");
  t.match(lab.events.entries({ eventId: 1109 }), [{ server: "cas01.tukwila.contoso.com", details: { reason: "CouldNotFindUserBySipUri", detail: /1999/ } }]);
});

t.test("behaviour.pool.diversionAcrossRedirects drop: the Diversion is lost after the first 302 and the wrong application answers", async (t) => {
  const lab = await startTestLab(t);
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const, holdMs: 2500, extraHeaders: ["Diversion: <sip:bob@contoso.com>"] };
  const kept = await probeCall(viaPool(lab, "sip:dp1.contoso.com@contoso.com"), options);
  t.match(kept, { outcome: "answered", media: { received: { audio: { tones: [380] } } } }, "keep (the default): bob's greeting");
  lab.topology.behaviour.pool.diversionAcrossRedirects = "drop";
  const lost = await probeCall(viaPool(lab, "sip:dp1.contoso.com@contoso.com"), options);
  t.match(lost, { outcome: "answered", hops: [{ headers: { contact: [/mbx02/] } }] }, "the Call Router still saw it: bob's Mailbox server");
  t.notOk(lost.media?.received.audio?.tones.includes(380), "but bob's greeting is not what plays");
  t.ok(lost.media?.received.audio?.tones.includes(523), "the Subscriber Access PIN prompt is");
});

t.test("in the dialog through the pool: a CANCEL while the worker rings, and the worker's own BYE", async (t) => {
  const lab = await startTestLab(t);
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const };
  lab.setCallTiming("mbx01", { answerAfterMs: 30_000 });
  const cancelled = await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), { ...options, timeoutMs: 2500 });
  t.equal(cancelled.outcome, "failed");
  t.ok(cancelled.trace.some((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 180")), "the worker's 180 was relayed");
  t.ok(cancelled.trace.some((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 487")), "the INVITE got 487");
  await waitFor(() => lab.calls.ended("mbx01.tukwila.contoso.com").length > 0);
  t.match(lab.calls.ended("mbx01.tukwila.contoso.com"), [{ endedBy: "cancel" }], "the pool cancelled its branch at the worker");
  lab.setCallTiming("mbx01", { byeAfterMs: 100, answerAfterMs: 0 });
  const ended = await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), { ...options, holdMs: 3000 });
  t.match(ended, { outcome: "failed", endedBy: "peer", failure: { code: "peer-ended-call" }, endReason: /^a BYE/ }, "the worker's BYE reached the caller through the pool");
  t.match(lab.calls.ended("mbx01.tukwila.contoso.com").at(-1), { endedBy: "server-bye" });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

t.test("the calls routed at once are bounded: one more gets 503, and the pool routes again once one ends", async (t) => {
  const lab = await startTestLab(t, { roles: { pool: poolHandler({ maxCalls: 1 }) } });
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const };
  lab.setCallTiming("mbx01", { answerAfterMs: 30_000 });
  const ringing = probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), { ...options, timeoutMs: 2500 });
  await waitFor(() => lab.calls.active().length > 0);
  const refused = await probeCall(viaPool(lab, "sip:bob@contoso.com;opaque=app:voicemail"), options);
  t.match(refused, { outcome: "failed", status: 503 });
  t.equal((await ringing).outcome, "failed", "the first call was cancelled by its caller");
  lab.setCallTiming("mbx01", null);
  t.match(await probeCall(viaPool(lab, "sip:alice@contoso.com;opaque=app:voicemail"), options), { outcome: "answered" });
});

t.test("KB4480742's case: an Auto Attendant dialled at its contact object, then the contact moved", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { autoAttendants: [{ name: "Contoso AA", contactSipAddress: "seaautoattendant@contoso.com" }] });
  const lab = await startTestLab(t, { topology });
  const options = { ...(await clientOptions(lab, "mediation")), policy: "required" as const, holdMs: 1500 };
  const routed = await probeCall(viaPool(lab, "sip:seaautoattendant@contoso.com"), options);
  t.match(routed, { outcome: "answered", media: { received: { audio: { tones: [587, 740] } } } }, "retargeted to the pilot: the Auto Attendant's menu plays");
  const attendant = lab.topology.autoAttendants[0];
  if (attendant === undefined) throw new Error("the topology has an auto attendant");
  attendant.contactObject = "moved";
  const moved = await probeCall(viaPool(lab, "sip:seaautoattendant@contoso.com"), options);
  t.match(moved, { status: 500, failure: { code: "exum-user-not-readable" }, hops: [{ headers: { server: ["ExumRouting/7.0.0.0"] }, diagnostics: [{ code: 15000, reason: KB_REASON, appName: "ExumRouting" }] }] });
});
