/**
 * What exum's media costs (docs/media.md §6): 50 concurrent held calls, each with media both ways at 50 packets/s per
 * direction (100 packets/s per call), SRTP protect + unprotect with AES_CM_128_HMAC_SHA1_80, RTCP every second, the
 * audio meter and the DTMF reader running. Both ends of every call run in this one process (the caller's session and
 * the answerer's), so the figure per side is half of what is measured. The reference, measured in the same run, is
 * the same 50 calls over plain RTP: what SRTP adds is the ratio. Prints figures, asserts nothing.
 * Run: node --import tsx bench/media-load.ts [--quick]
 * Loopback only; each workload runs for a fixed time and then stops.
 */
import { performance } from "node:perf_hooks";
import { MediaSession } from "../harness/media/media-session.js";
import { planFromSdp } from "../harness/media/plan-from-sdp.js";
import { KNOWN_TONES, SIGNAL_NOTES, signalPcm } from "../harness/media/test-signals.js";
import { answerOffer } from "../harness/sdp/answer-offer.js";
import { buildOffer } from "../harness/sdp/build-offer.js";
import type { MediaPolicy } from "../harness/sdp/media-policy.js";
import { parseSessionDescription } from "../harness/sdp/parse-session-description.js";

const quick = process.argv.includes("--quick");
const CALLS = 50;
const HOLD_MS = quick ? 2000 : 5000;
const LOOPBACK = "127.0.0.1";

interface Figures {
  readonly cores: number;
  readonly packets: number;
  readonly authenticated: number;
  readonly twoWay: number;
}

/** One call: the caller's session and the answerer's, the offer and answer written as exum and the lab write them. */
async function openCall(policy: MediaPolicy): Promise<[MediaSession, MediaSession]> {
  const caller = await MediaSession.open(LOOPBACK);
  const answerer = await MediaSession.open(LOOPBACK);
  const offer = buildOffer({ policy, address: LOOPBACK, port: caller.local.port }).sdp;
  const answered = answerOffer(offer, { policy, address: LOOPBACK, port: answerer.local.port });
  if (answered.kind !== "answer") throw new Error(`the bench's offer was refused: ${answered.reason}`);
  const o = parseSessionDescription(offer);
  const a = parseSessionDescription(answered.sdp);
  const common = { offer: o, answer: a, candidateTones: KNOWN_TONES };
  const callerPlan = planFromSdp({ ...common, side: "offerer", signal: signalPcm(SIGNAL_NOTES.caller) });
  const answererPlan = planFromSdp({ ...common, side: "answerer", signal: signalPcm(SIGNAL_NOTES.greeting) });
  if ("problem" in callerPlan || "problem" in answererPlan) throw new Error("the bench's SDP made no media plan");
  caller.start(callerPlan);
  answerer.start(answererPlan);
  return [caller, answerer];
}

async function workload(policy: MediaPolicy): Promise<Figures> {
  const calls = await Promise.all(Array.from({ length: CALLS }, () => openCall(policy)));
  const cpu = process.cpuUsage();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - started;
  const evidence = await Promise.all(calls.flat().map((session) => session.stop()));
  let packets = 0;
  let authenticated = 0;
  let twoWay = 0;
  for (const media of evidence) {
    if (media === null) continue;
    packets += media.received.packets;
    authenticated += media.received.authenticated;
    if (media.verdict === "two-way" && media.failure === null) twoWay++;
  }
  return { cores: (used.user + used.system) / 1000 / wall, packets, authenticated, twoWay };
}

const rtp = await workload("none");
const srtp = await workload("required");
const perSecond = (figures: Figures) => Math.round(figures.packets / (HOLD_MS / 1000));
console.log(`media: ${CALLS} concurrent held calls, both ends in this process, ${HOLD_MS / 1000} s each workload`);
console.log(`  RTP  (reference): ${rtp.cores.toFixed(3)} cores for both ends (${(rtp.cores / 2).toFixed(3)} per side), ${perSecond(rtp)} packets/s received, ${rtp.twoWay}/${CALLS * 2} sessions two-way`);
console.log(
  `  SRTP AES_CM_128_HMAC_SHA1_80: ${srtp.cores.toFixed(3)} cores for both ends (${(srtp.cores / 2).toFixed(3)} per side), ${perSecond(srtp)} packets/s received, ${srtp.authenticated} of ${srtp.packets} authenticated, ${srtp.twoWay}/${CALLS * 2} sessions two-way`,
);
console.log(`  SRTP / RTP: ${(srtp.cores / Math.max(rtp.cores, 1e-6)).toFixed(2)}x; target: the ${CALLS} calls' media under one core per side → ${srtp.cores / 2 < 1 ? "met" : "NOT met"}`);
