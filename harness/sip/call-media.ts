import { isLoopbackAddress } from "../model/loopback-address.js";
import { planFromSdp } from "../media/plan-from-sdp.js";
import type { DtmfPlan } from "../media/media-plan.js";
import type { MediaSession } from "../media/media-session.js";
import { KNOWN_TONES, SIGNAL_NOTES, signalPcm } from "../media/test-signals.js";
import type { ParsedSessionDescription } from "../sdp/session-description.js";

/** Calls held shorter than this carry no media judgement: too short for a packet count to mean anything. */
export const MIN_MEDIA_HOLD_MS = 1000;

/**
 * Starts our media on an answered call (docs/media.md §6): the plan from our offer and the answer, our 1004 Hz test
 * tone, the digits asked for. Returns why no media was started (a warning for the result), or null when it runs.
 * A peer reached over loopback may not send us to a non-loopback media address: the lab and the tests never touch
 * another network, and a misconfigured peer must not make exum spray packets at a real one.
 */
export function startCallMedia(
  session: MediaSession,
  offer: ParsedSessionDescription,
  answer: ParsedSessionDescription,
  signalPeer: string | null,
  dtmf: DtmfPlan | null,
): string | null {
  const plan = planFromSdp({ offer, answer, side: "offerer", signal: signalPcm(SIGNAL_NOTES.caller), candidateTones: KNOWN_TONES, dtmf });
  if ("problem" in plan) return `media not sent: ${plan.problem}`;
  const peer = (signalPeer ?? "").replace(/^::ffff:/, "");
  if (isLoopbackAddress(peer) && !isLoopbackAddress(plan.remote.address)) {
    return `media not sent: the peer on loopback (${peer}) asked for media at ${plan.remote.address}, off this machine`;
  }
  session.start(plan);
  return null;
}
