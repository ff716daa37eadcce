import type { MediaAddress } from "../model/media-evidence.js";
import type { CryptoAttribute } from "../sdp/crypto-attribute.js";
import type { ParsedMedia, ParsedSessionDescription } from "../sdp/session-description.js";
import type { G711Codec } from "./audio/g711.js";
import { srtpKeyingFromInline } from "./srtp/srtp-keying.js";
import { isSupportedSrtpSuite } from "./srtp/srtp-suite.js";
import type { DtmfPlan, MediaFaults, MediaPlan } from "./media-plan.js";

export interface PlanFromSdpInput {
  readonly offer: ParsedSessionDescription;
  readonly answer: ParsedSessionDescription;
  /** Which side we are: the offerer sends with its offered key, the answerer with its answered one (RFC 4568 §6.1). */
  readonly side: "offerer" | "answerer";
  readonly signal: Int16Array;
  readonly candidateTones: readonly number[];
  readonly dtmf?: DtmfPlan | null;
  readonly faults?: MediaFaults;
}

/** Why no media plan could be made from an offer and answer that were otherwise accepted. */
export type PlanProblem = { readonly problem: string };

/**
 * The media both sides agreed on, from the offer and the answer (RFC 3264 §6, RFC 4568 §7): the first audio stream
 * with a non-zero port, the voice codec the answer lists first (PCMU or PCMA), telephone-event when both have it, the
 * peer's address from its c= and m= lines and RTCP on the next port (RFC 3605 §2.1 without `a=rtcp`), and SRTP when
 * the answer accepted one offered `a=crypto` line: RFC 4568 §6.1 "the key … is used by the sender" — each side
 * protects with the key of its own SDP and unprotects with the other's.
 */
export function planFromSdp(input: PlanFromSdpInput): MediaPlan | PlanProblem {
  const index = input.offer.media.findIndex((m) => m.type.toLowerCase() === "audio" && m.port > 0);
  const offered = input.offer.media[index];
  const answered = input.answer.media[index];
  if (offered === undefined || answered === undefined || answered.port === 0) return { problem: "no audio stream was agreed" };
  const theirs = input.side === "offerer" ? { media: answered, sdp: input.answer } : { media: offered, sdp: input.offer };
  const address = theirs.media.connectionAddress ?? theirs.sdp.connectionAddress;
  if (address === null) return { problem: "the peer's SDP has no c= address" };
  const voice = answered.codecs.find((c) => /^(PCMU|PCMA)$/i.test(c.name) && c.rate === 8000);
  if (voice === undefined) return { problem: "the answer names no G.711 codec (PCMU or PCMA)" };
  const events = (media: ParsedMedia) => media.codecs.find((c) => c.name.toLowerCase() === "telephone-event");
  const event = events(answered) !== undefined && events(offered) !== undefined ? (events(answered)?.payload ?? null) : null;
  const remote: MediaAddress = { address, port: theirs.media.port };
  const srtp = srtpOf(offered, answered, input.side);
  if ("problem" in srtp) return srtp;
  return {
    remote,
    remoteRtcp: { address, port: theirs.media.port + 1 },
    rtcpMux: false,
    codec: voice.name.toUpperCase() as G711Codec,
    payloadType: voice.payload,
    telephoneEvent: event,
    srtp: srtp.srtp,
    signal: input.signal,
    candidateTones: input.candidateTones,
    dtmf: input.dtmf ?? null,
    ...(input.faults === undefined ? {} : { faults: input.faults }),
  };
}

function srtpOf(offered: ParsedMedia, answered: ParsedMedia, side: "offerer" | "answerer"): { srtp: MediaPlan["srtp"] } | PlanProblem {
  const [chosen] = answered.cryptos;
  if (chosen === undefined) return { srtp: null };
  const match = offered.cryptos.find((c) => c.tag === chosen.tag && c.suite === chosen.suite);
  if (match === undefined) return { problem: `the answer's crypto tag ${chosen.tag} matches no offered line` };
  if (!isSupportedSrtpSuite(chosen.suite)) return { problem: `the SRTP suite ${chosen.suite} is not one exum can send (AES_CM_128_HMAC_SHA1_80 or _32)` };
  const keying = (line: CryptoAttribute) => srtpKeyingFromInline(line.suite, line.key, line.mki);
  const ours = side === "offerer" ? match : chosen;
  const peers = side === "offerer" ? chosen : match;
  return { srtp: { suite: chosen.suite, send: keying(ours), receive: keying(peers) } };
}
