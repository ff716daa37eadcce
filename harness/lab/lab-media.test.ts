import t from "tap";
import { policyForEncryptionLevel } from "../sdp/encryption-level.js";
import type { EncryptionLevel } from "../model/encryption-level.js";
import { mailboxGreetingNotes } from "../media/test-signals.js";
import { probeCall } from "../sip/call-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";

async function call(lab: Lab, level: EncryptionLevel, holdMs: number, dtmf: string | null = null) {
  return probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool")),
    policy: policyForEncryptionLevel(level),
    extraHeaders: ["Diversion: <sip:alice@contoso.com>;reason=no-answer"],
    holdMs,
    ...(dtmf === null ? {} : { dtmf: { digits: dtmf, atMs: 300 } }),
  });
}

t.test("a Secured call: SRTP both ways, every packet authenticated, the greeting measured as audio", async (t) => {
  const lab = await startTestLab(t);
  const result = await call(lab, "RequireEncryption", 3000);
  t.equal(result.outcome, "answered", result.failure?.message ?? "");
  const media = result.media;
  if (media === null) throw new Error("no media evidence");
  t.equal(media.protection, "srtp");
  t.equal(media.verdict, "two-way");
  t.ok(media.sent.packets >= 100, `sent ${media.sent.packets}`);
  t.ok(media.received.packets >= 100, `received ${media.received.packets}`);
  t.equal(media.received.authenticated, media.received.packets, "every packet that arrived authenticated");
  t.ok((media.received.audio?.nonSilentPercent ?? 0) > 50, "the greeting is audio, not silence");
  // Call answering plays alice's own greeting (docs/media.md §8): her mailbox's tone, not bob's.
  const alice = mailboxGreetingNotes("alice@contoso.com")[0]?.hz;
  t.same(media.received.audio?.tones, [alice]);
  t.not(alice, mailboxGreetingNotes("bob@contoso.com")[0]?.hz, "bob's greeting differs from alice's");
  t.equal(media.failure, null);
  // The worker's own session saw the same call from its side (docs/media.md §8): every packet of ours authenticated.
  let served = lab.calls.ended("mbx01.tukwila.contoso.com").at(-1)?.mediaEvidence ?? null;
  for (let i = 0; i < 100 && served === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    served = lab.calls.ended("mbx01.tukwila.contoso.com").at(-1)?.mediaEvidence ?? null;
  }
  t.match(served, { protection: "srtp", verdict: "two-way", failure: null, received: { audio: { tones: [1004] } } });
  t.equal(served?.received.authenticated, served?.received.packets, "the worker authenticated every packet we sent");
  t.ok((served?.received.packets ?? 0) >= 100, `the worker received ${served?.received.packets}`);
});

t.test("the Mediation Server answers a gateway's call with media both ways too (SRTPMode Required)", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(labTarget(lab, "med01.contoso.com", "gateway-tls", "+14255550100"), { ...(await clientOptions(lab, "gateway")), policy: "required", holdMs: 2000 });
  t.match(result, { outcome: "answered", media: { protection: "srtp", verdict: "two-way", failure: null } });
  t.equal(result.media?.received.authenticated, result.media?.received.packets);
});

t.test("a SIPSecured dial plan with SupportEncryption: RTP both ways, in the clear", async (t) => {
  const lab = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }] }) });
  const result = await call(lab, "SupportEncryption", 2000);
  t.match(result, { outcome: "answered", negotiated: { media: "rtp", mode: "SIPSecured" }, media: { protection: "rtp", verdict: "two-way", failure: null } });
  t.ok((result.media?.received.packets ?? 0) >= 60, `received ${result.media?.received.packets}`);
  t.equal(result.media?.received.authenticated, 0, "nothing to authenticate on RTP");
});

t.test("each media fault of the worker is its own failure, and none is answered", async (t) => {
  const lab = await startTestLab(t);
  const MBX1 = "mbx01.tukwila.contoso.com";
  const cases = [
    ["silent", "no-media"],
    ["plain-rtp", "savp-in-name-only"],
    ["wrong-key", "srtp-auth-failed"],
    ["no-mki", "srtp-mki-mismatch"],
    ["other-port", "media-from-unexpected-address"],
    ["one-way", "one-way-media"],
    ["stop", "media-stopped"],
  ] as const;
  for (const [fault, code] of cases) {
    await lab.setFault(MBX1, { kind: "media", media: fault, afterMs: 500, listeners: ["worker-tls"] });
    await lab.setServerState(MBX1, "faulty");
    const result = await call(lab, "RequireEncryption", 3000);
    t.equal(result.failure?.code, code, `${fault}: ${result.failure?.message ?? "no failure"}`);
    t.equal(result.outcome, "failed", `${fault}: the call failed`);
    await lab.setServerState(MBX1, "running");
  }
});

t.test("Subscriber Access: the caller's digits 1001#1234# reach the worker, which logs the logon and plays the logon signal", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeCall(labTarget(lab, CAS, "sip-tls", "dp1.contoso.com"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    holdMs: 4000,
    dtmf: { digits: "1001#1234#", atMs: 200 },
  });
  t.equal(result.outcome, "answered", result.failure?.message ?? "");
  t.equal(result.media?.sent.dtmf, "1001#1234#", "every digit was sent");
  // The worker writes its media record once the call has ended (our BYE): wait for it, bounded.
  let entry;
  for (let i = 0; i < 100 && entry === undefined; i++) {
    entry = lab.events.entries().find((each) => each.eventId === 60100);
    if (entry === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.match(entry?.details, { digitsReceived: "1001#1234#", outcome: "logon accepted for alice@contoso.com", verdict: "two-way" });
  t.ok(result.media?.received.audio?.tones.includes(784), "the logon signal (784 Hz) was heard after the PIN");
});

t.test("a wrong PIN is logged as a failed logon", async (t) => {
  const lab = await startTestLab(t);
  await probeCall(labTarget(lab, CAS, "sip-tls", "dp1.contoso.com"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    holdMs: 3500,
    dtmf: { digits: "1001#9999#", atMs: 200 },
  });
  let entry;
  for (let i = 0; i < 100 && entry === undefined; i++) {
    entry = lab.events.entries().find((each) => each.eventId === 60100);
    if (entry === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.match(entry?.details, { digitsReceived: "1001#9999#", outcome: "logon failed: wrong PIN for alice@contoso.com" });
});
