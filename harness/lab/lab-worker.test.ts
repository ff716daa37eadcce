import t from "tap";
import { policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { type EncryptionLevel } from "../model/encryption-level.js";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const UM2010 = "um2010.contoso.com";

async function call(lab: Lab, level: EncryptionLevel, extra: { holdMs?: number; timeoutMs?: number } = {}) {
  return probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool", extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs })),
    policy: policyForEncryptionLevel(level),
    extraHeaders: ["Diversion: <sip:alice@contoso.com>;reason=no-answer"],
    ...(extra.holdMs === undefined ? {} : { holdMs: extra.holdMs }),
  });
}

t.test("the compatibility matrix at the worker (docs/protocol.md §2, §3)", async (t) => {
  const secured = await startTestLab(t);
  const sipSecured = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }] }) });

  t.test("Secured + RequireEncryption: MTLS + SRTP, answered RTP/SAVP with one a=crypto", async (t) => {
    const result = await call(secured, "RequireEncryption");
    t.match(result, { outcome: "answered", negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", profile: "RTP/SAVP", mode: "Secured" } });
    t.equal(result.sdp?.answer?.match(/a=crypto:/g)?.length, 1);
  });
  t.test("Secured + SupportEncryption: SRTP", async (t) => {
    t.match(await call(secured, "SupportEncryption"), { outcome: "answered", negotiated: { media: "srtp", mode: "Secured" } });
  });
  t.test("Secured + DoNotSupportEncryption: fails, Exchange requires SRTP", async (t) => {
    const result = await call(secured, "DoNotSupportEncryption");
    t.match(result, { outcome: "failed", status: 488, failure: { code: "srtp-required-by-peer" } });
  });
  t.test("SIPSecured + RequireEncryption: 488 Incompatible security setting, event 1021 at the worker", async (t) => {
    const result = await call(sipSecured, "RequireEncryption");
    t.match(result, { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" } });
    t.match(result.hops[2]?.diagnostics[0], { header: "ms-diagnostics-public", reason: "Incompatible security setting", source: MBX1 });
    t.match(sipSecured.events.entries({ server: MBX1, eventId: 1021 }), [{ details: { voipSecurity: "SIPSecured", status: 488 } }]);
  });
  t.test("SIPSecured + SupportEncryption: RTP in clear, SIPSecured", async (t) => {
    t.match(await call(sipSecured, "SupportEncryption"), { outcome: "answered", negotiated: { signaling: "mtls", media: "rtp", profile: "RTP/AVP", mode: "SIPSecured" } });
  });
  t.test("SIPSecured + DoNotSupportEncryption: RTP", async (t) => {
    t.match(await call(sipSecured, "DoNotSupportEncryption"), { outcome: "answered", negotiated: { media: "rtp", mode: "SIPSecured" } });
  });
});

t.test("the 488 is configurable (docs/protocol.md §3 [INF])", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), {
    dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }],
    behaviour: { worker: { incompatibleSecurity: { status: 415, reason: "Unsupported Media Type", diagnosticsCode: 15601, diagnosticsReason: "Media mismatch" } } },
  });
  const lab = await startTestLab(t, { topology });
  const result = await call(lab, "RequireEncryption");
  t.match(result, { outcome: "failed", status: 415, reason: "Unsupported Media Type" });
  t.match(result.hops[2]?.diagnostics[0], { code: 15601, reason: "Media mismatch" });
});

t.test("Exchange 2010: one hop fewer, UM server → worker (docs/protocol.md §1)", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(labTarget(lab, UM2010, "sip-tls", "carol", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    extraHeaders: ["Diversion: <sip:carol@contoso.com>"],
  });
  t.match(result, { outcome: "answered", negotiated: { mode: "Secured" } });
  t.same(
    result.hops.map((hop) => [hop.status, hop.port]),
    [
      [302, 5061],
      [200, 5066],
    ],
  );
  // The published Exchange 2010 SP1 302 (docs/protocol.md §8, §10): `Server: RTCC/3.5.0.0`, and a Contact with the
  // transport appended after the URI's parameters and `maddr` after it (`…;user=phone;transport=Tcp;maddr=pabx.local`).
  t.same(result.hops[0]?.headers.server, ["RTCC/3.5.0.0"]);
  t.equal(result.hops[0]?.headers["user-agent"], undefined, "no User-Agent on a response");
  const contact = result.trace.find((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 302"))?.raw ?? "";
  t.match(contact, new RegExp(`^Contact: <sip:carol@${UM2010.replaceAll(".", "\\.")}:5066;transport=Tls;opaque=app:voicemail;maddr=${UM2010.replaceAll(".", "\\.")}>\r?$`, "m"));
});

t.test("Exchange 2010 disabled (Disable-UMService): new INVITEs get 503, OPTIONS still answered (docs/protocol.md §7)", async (t) => {
  const lab = await startTestLab(t);
  await lab.setServerState(UM2010, "disabled");
  const options = { ...(await clientOptions(lab, "pool")), policy: "required" as const, extraHeaders: ["Diversion: <sip:carol@contoso.com>"] };
  const result = await probeCall(labTarget(lab, UM2010, "sip-tls", "carol", ";opaque=app:voicemail"), options);
  t.match(result, { outcome: "failed", status: 503, reason: "Service Unavailable" });
  t.equal((await probeOptions(labTarget(lab, UM2010, "sip-tls", null), await clientOptions(lab, "pool"))).status, 200);
  await lab.setServerState(UM2010, "running");
  t.equal((await probeCall(labTarget(lab, UM2010, "sip-tls", "carol", ";opaque=app:voicemail"), options)).outcome, "answered");
  await t.rejects(lab.setServerState(UM2010, "faulty"), { code: "EXUM_LAB_NO_FAULT" });
});

t.test("CANCEL while the worker holds its answer: 200 to the CANCEL, 487 to the INVITE", async (t) => {
  const lab = await startTestLab(t);
  lab.setCallTiming(MBX1, { answerAfterMs: 30_000 });
  // The two redirects must answer within the bound; the held 200 never can.
  const result = await call(lab, "RequireEncryption", { timeoutMs: 3000 });
  t.equal(result.outcome, "failed");
  t.ok(result.trace.some((entry) => entry.direction === "sent" && entry.firstLine.startsWith("CANCEL ")), "the client cancelled");
  t.ok(result.trace.some((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 487")), "the INVITE got 487");
  t.match(lab.calls.ended(MBX1), [{ endedBy: "cancel" }]);
  t.same(lab.calls.active(), []);
});

t.test("the worker ends the call with a BYE (callTiming byeAfterMs): the peer ended it", async (t) => {
  const lab = await startTestLab(t);
  lab.setCallTiming("mbx01", { byeAfterMs: 100 });
  const result = await call(lab, "RequireEncryption", { holdMs: 3000 });
  t.match(result, { outcome: "failed", endedBy: "peer", failure: { code: "peer-ended-call" }, endReason: /^a BYE/ });
  t.match(lab.calls.ended(MBX1), [{ endedBy: "server-bye", media: "srtp" }]);
  lab.setCallTiming("mbx01", null);
  t.match(await call(lab, "RequireEncryption"), { endedBy: "us" });
});
