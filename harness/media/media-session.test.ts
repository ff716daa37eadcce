import { setTimeout as sleep } from "node:timers/promises";
import t, { type Test } from "tap";
import type { MediaEvidence } from "../model/media-evidence.js";
import type { CaptureEndpoint, PacketCapture, TcpFlowTap } from "../model/packet-capture.js";
import { answerOffer } from "../sdp/answer-offer.js";
import { buildOffer } from "../sdp/build-offer.js";
import { parseSessionDescription } from "../sdp/parse-session-description.js";
import type { DtmfPlan, MediaFaults, MediaPlan } from "./media-plan.js";
import { MediaSession } from "./media-session.js";
import { planFromSdp, type PlanFromSdpInput } from "./plan-from-sdp.js";
import { readRtpPacket } from "./rtp/rtp-packet.js";
import { KNOWN_TONES, SIGNAL_NOTES, signalPcm } from "./test-signals.js";

const LOOPBACK = "127.0.0.1";

interface Captured {
  readonly from: CaptureEndpoint;
  readonly to: CaptureEndpoint;
  readonly payload: Buffer;
}

/** A capture that keeps what it is handed, in memory (the seam of docs/media.md §9, without a file). */
class MemoryCapture implements PacketCapture {
  readonly udpDatagrams: Captured[] = [];
  readonly decrypted: Captured[] = [];
  tcpFlows = 0;

  tcpFlow(): TcpFlowTap {
    this.tcpFlows++;
    return { sent: () => undefined, received: () => undefined, close: () => undefined };
  }

  udp(from: CaptureEndpoint, to: CaptureEndpoint, payload: Uint8Array): void {
    this.udpDatagrams.push({ from: { ...from }, to: { ...to }, payload: Buffer.from(payload) });
  }

  decryptedRtp(from: CaptureEndpoint, to: CaptureEndpoint, payload: Uint8Array): void {
    this.decrypted.push({ from: { ...from }, to: { ...to }, payload: Buffer.from(payload) });
  }

  keyLog(): void {}
}

interface Call {
  readonly a: MediaSession;
  readonly b: MediaSession;
  /** Stops both at once and returns their evidence (A the caller, B the answerer). */
  stop(): Promise<[MediaEvidence | null, MediaEvidence | null]>;
}

/**
 * Two sessions on loopback, A offering SRTP with the MKI line and B answering it, each planned from the real SDP
 * (docs/media.md §6), A playing the caller's 1004 Hz tone and B the greeting.
 */
async function call(t: Test, options: { dtmf?: DtmfPlan; faultsOfB?: MediaFaults; capture?: PacketCapture; onDigitOfB?: (digits: string) => void } = {}): Promise<Call> {
  const a = await MediaSession.open(LOOPBACK);
  const b = await MediaSession.open(LOOPBACK);
  t.teardown(async () => {
    await Promise.all([a.stop(), b.stop()]);
  });
  const offer = buildOffer({ address: LOOPBACK, port: a.local.port, policy: "required" }).sdp;
  const answered = answerOffer(offer, { address: LOOPBACK, port: b.local.port, policy: "required" });
  if (answered.kind !== "answer") throw new Error(`the answerer refused: ${answered.reason}`);
  const parsed = { offer: parseSessionDescription(offer), answer: parseSessionDescription(answered.sdp) };
  const planA = planOf({ ...parsed, side: "offerer", signal: signalPcm(SIGNAL_NOTES.caller), candidateTones: KNOWN_TONES, dtmf: options.dtmf ?? null });
  const faults = options.faultsOfB === undefined ? {} : { faults: options.faultsOfB };
  const planB = planOf({ ...parsed, side: "answerer", signal: signalPcm(SIGNAL_NOTES.greeting), candidateTones: KNOWN_TONES, ...faults });
  if (options.capture !== undefined) a.capture = options.capture;
  if (options.onDigitOfB !== undefined) b.onDigit = options.onDigitOfB;
  b.start(planB);
  a.start(planA);
  return { a, b, stop: () => Promise.all([a.stop(), b.stop()]) };
}

function planOf(input: PlanFromSdpInput): MediaPlan {
  const plan = planFromSdp(input);
  if ("problem" in plan) throw new Error(`no media plan: ${plan.problem}`);
  return plan;
}

function evidenceOf(media: MediaEvidence | null, side: string): MediaEvidence {
  if (media === null) throw new Error(`${side} measured nothing`);
  return media;
}

t.test("stop() on a session never started returns null, and so does a second stop()", async (t) => {
  const idle = await MediaSession.open(LOOPBACK);
  t.equal(idle.local.address, LOOPBACK);
  t.equal(idle.local.port % 2, 0, "an even RTP port (RFC 3550 §11)");
  t.equal(await idle.stop(), null);
  t.equal(await idle.stop(), null, "already closed");
});

t.test("two sessions on loopback: SRTP both ways, digits, the tone, RTCP and the capture", async (t) => {
  const capture = new MemoryCapture();
  const digitsOfB: string[] = [];
  const live = await call(t, { dtmf: { digits: "12#", atMs: 200 }, capture, onDigitOfB: (digits) => digitsOfB.push(digits) });
  // The RTCP interval is 1 s: hold past it so that each side has the other's first report.
  await sleep(1600);
  const [stoppedA, stoppedB] = await live.stop();
  const a = evidenceOf(stoppedA, "A");
  const b = evidenceOf(stoppedB, "B");

  for (const [side, media] of [
    ["A", a],
    ["B", b],
  ] as const) {
    t.equal(media.verdict, "two-way", `${side}: two-way`);
    t.equal(media.failure, null, `${side}: ${media.failure?.message ?? "no failure"}`);
    t.equal(media.protection, "srtp", `${side}: SRTP`);
    t.equal(media.suite, "AES_CM_128_HMAC_SHA1_80");
    t.same(media.mki, { sent: { value: 1, length: 1 }, received: { value: 1, length: 1 } }, `${side}: MKI 1 both ways`);
    t.ok(media.sent.packets >= 50, `${side} sent ${media.sent.packets} packets in 1.6 s`);
    t.ok(media.received.packets >= 50, `${side} received ${media.received.packets} packets in 1.6 s`);
    t.equal(media.received.authenticated, media.received.packets, `${side}: every packet authenticated`);
    t.equal(media.received.lost, 0, `${side}: nothing lost on loopback`);
    t.equal(media.received.fromOtherAddress, 0);
    t.equal(media.sent.errors, 0);
    t.ok(media.durationMs >= 1600, `${side} lasted ${media.durationMs} ms`);
    t.ok(media.sent.rtcpPackets >= 1, `${side} sent ${media.sent.rtcpPackets} RTCP report(s)`);
  }
  // What one side sent is what the other received, less what was in flight when both stopped.
  t.ok(b.received.packets <= a.sent.packets && b.received.packets >= a.sent.packets - 5, `A sent ${a.sent.packets}, B received ${b.received.packets}`);
  t.ok(a.received.packets <= b.sent.packets && a.received.packets >= b.sent.packets - 5, `B sent ${b.sent.packets}, A received ${a.received.packets}`);
  t.same(a.local, live.a.local);
  t.same(a.remote, b.local, "A sent to B's port");
  t.same(b.remote, a.local, "B sent to A's port");

  t.equal(a.sent.dtmf, "12#", "A sent the digits");
  t.equal(b.received.dtmf, "12#", "B read them as RFC 4733 events");
  t.same(digitsOfB, ["1", "12", "12#"], "B's onDigit fired as each digit started");
  t.equal(a.received.dtmf, "", "B sent none");
  t.same(b.received.payloadTypes, [0, 101], "PCMU, then telephone-event");

  t.ok(b.received.audio?.tones.includes(1004), `B heard A's 1004 Hz tone (${JSON.stringify(b.received.audio?.tones)})`);
  t.ok((b.received.audio?.nonSilentPercent ?? 0) > 50, "the tone is audio, not silence");
  const firstNote = SIGNAL_NOTES.greeting.find((note) => note.hz !== null)?.hz ?? 0;
  t.equal(firstNote, 440, "the greeting starts with 440 Hz");
  t.ok(a.received.audio?.tones.includes(firstNote), `A heard the greeting's first note (${JSON.stringify(a.received.audio?.tones)})`);
  t.notOk(a.received.audio?.tones.includes(1004) ?? true, "A did not hear its own tone");

  const report = a.peerReport;
  t.ok((report?.reports ?? 0) >= 1, `A has ${report?.reports ?? 0} RTCP report(s) from B`);
  t.ok((report?.aboutUs ?? 0) >= 1, "naming A's stream");
  t.ok((report?.packetsReceived ?? 0) > 0, `B reports ${report?.packetsReceived ?? "none"} of A's packets received`);
  t.ok((report?.packetsReceived ?? Infinity) <= a.sent.packets, "no more than A sent");
  t.ok((b.peerReport?.packetsReceived ?? 0) > 0, "and A's RTCP names B's packets");

  // The capture: datagrams both ways between the two RTP ports, and the RTP exum decrypted.
  const between = (from: CaptureEndpoint, to: CaptureEndpoint) =>
    capture.udpDatagrams.filter((d) => d.from.port === from.port && d.to.port === to.port && d.from.address === LOOPBACK && d.to.address === LOOPBACK);
  const out = between(a.local, b.local);
  const into = between(b.local, a.local);
  t.ok(out.length >= 50, `${out.length} datagrams captured A → B`);
  t.ok(into.length >= 50, `${into.length} datagrams captured B → A`);
  t.ok(
    capture.udpDatagrams.some((d) => d.to.port === b.local.port + 1),
    "A's RTCP to B's RTCP port was captured",
  );
  const decryptedOut = capture.decrypted.filter((d) => d.to.port === b.local.port);
  const decryptedIn = capture.decrypted.filter((d) => d.from.port === b.local.port && d.to.port === a.local.port);
  t.ok(decryptedOut.length >= 50, `${decryptedOut.length} decrypted packets A → B`);
  t.ok(decryptedIn.length >= 50, `${decryptedIn.length} decrypted packets B → A`);
  const parsedOut = decryptedOut.map((d) => readRtpPacket(d.payload));
  const parsedIn = decryptedIn.map((d) => readRtpPacket(d.payload));
  t.equal(parsedOut.filter((p) => p === null).length + parsedIn.filter((p) => p === null).length, 0, "every decrypted packet parses as RTP");
  t.ok(parsedOut.filter((p) => p?.payloadType === 0).length >= 50, "A's decrypted PCMU");
  t.ok(parsedIn.filter((p) => p?.payloadType === 0).length >= 50, "B's decrypted PCMU");
  t.ok(parsedOut.some((p) => p?.payloadType === 101), "A's digits among its decrypted packets");
  t.ok(parsedOut.every((p) => p?.payloadType === 0 || p?.payloadType === 101), "nothing else");
  t.ok(parsedIn.every((p) => p?.payloadType === 0), "B sent PCMU only");

  // On the wire the same packet is SRTP: the header readable, the payload encrypted, MKI (1 byte) and 10-byte tag after it.
  const plain = decryptedOut.find((d) => readRtpPacket(d.payload)?.payloadType === 0)?.payload ?? Buffer.alloc(0);
  const wire = out.find((d) => d.payload.subarray(0, 12).equals(plain.subarray(0, 12)))?.payload ?? Buffer.alloc(0);
  t.equal(wire.length, plain.length + 1 + 10, "the wire packet is the RTP packet + MKI + tag");
  t.not(wire.subarray(12, plain.length).toString("hex"), plain.subarray(12).toString("hex"), "its payload is encrypted");
  t.equal(wire[plain.length], 1, "the MKI is 1");
  t.equal(capture.tcpFlows, 0, "media opens no TCP flow");
});

t.test("a stall longer than the burst drops audio slots but never a digit", async (t) => {
  const live = await call(t, { dtmf: { digits: "1#2", atMs: 100 } });
  // Block the one JS thread across the whole digit schedule (100 ms + 3 × 160 ms), as a loaded run can: without the
  // late sending of skipped slots' events every digit fell in skipped slots and none was sent.
  const until = performance.now() + 900;
  while (performance.now() < until) {
    // busy
  }
  await sleep(700);
  const [stoppedA, stoppedB] = await live.stop();
  const a = evidenceOf(stoppedA, "A");
  const b = evidenceOf(stoppedB, "B");
  t.equal(a.sent.dtmf, "1#2", "A sent every digit");
  t.equal(b.received.dtmf, "1#2", "B read every digit");
  // 900 ms of slots, at most 5 sent in the burst: the rest of the audio was skipped, not sent late.
  t.ok(a.sent.packets < 70, `A sent ${a.sent.packets} packets in about 1.6 s (audio of the stall skipped)`);
});

t.test("a silent answerer: the caller sees no media", async (t) => {
  const live = await call(t, { faultsOfB: { silent: true } });
  await sleep(1200);
  const [stoppedA, stoppedB] = await live.stop();
  const a = evidenceOf(stoppedA, "A");
  t.equal(a.failure?.code, "no-media", a.failure?.message ?? "no failure");
  t.equal(a.verdict, "one-way-out");
  t.equal(a.received.packets, 0);
  t.ok(a.sent.packets >= 40, `A still sent ${a.sent.packets}`);
  t.equal(evidenceOf(stoppedB, "B").sent.packets, 0, "B sent nothing");
  t.ok(evidenceOf(stoppedB, "B").received.packets >= 40, "B read A's packets");
});

t.test("a deaf answerer: after two of its reports naming none of ours, the caller's media is one-way", async (t) => {
  const live = await call(t, { faultsOfB: { deaf: true } });
  // B reports every second; two reports need a hold past 2 s.
  await sleep(2500);
  const [stoppedA] = await live.stop();
  const a = evidenceOf(stoppedA, "A");
  t.equal(a.failure?.code, "one-way-media", a.failure?.message ?? "no failure");
  t.equal(a.verdict, "one-way-in");
  t.ok((a.peerReport?.reports ?? 0) >= 2, `${a.peerReport?.reports ?? 0} report(s) from B`);
  t.equal(a.peerReport?.aboutUs, 0, "none of them about A");
  t.equal(a.peerReport?.packetsReceived, null);
  t.ok(a.received.packets >= 50, "B's media did arrive");
  t.match(a.failure?.message ?? "", /--no-srtp-mki/, "our packets carry an MKI: the hint is given");
});
