import { inputError } from "../errors/harness-error.js";
import { isSrtpProtocol } from "./is-srtp-protocol.js";
import type { MediaFailure, MediaFailureCode } from "../model/media-failure.js";
import type { MediaPolicy } from "./media-policy.js";
import type { ParsedMedia, ParsedSessionDescription } from "./session-description.js";

/** What was observed on a call we offered. */
export interface ClassifyMediaInput {
  /** The policy our offer was built for. */
  offerPolicy: MediaPolicy;
  /** Our offer, parsed. */
  offer: ParsedSessionDescription;
  /** The peer's answer SDP, parsed; null or absent when none arrived. */
  answer?: ParsedSessionDescription | null;
  /** The final response status to the INVITE, when one arrived. */
  finalStatus?: number;
}

/** The negotiated media facts. JSON-serialisable. */
export interface MediaClassification {
  /** What flows: srtp or rtp; null when nothing was negotiated. */
  media: "srtp" | "rtp" | null;
  /** The accepted crypto-suite, for srtp. */
  suite: string | null;
  /** The accepted crypto tag, for srtp. */
  cryptoTag: number | null;
  /** The answer's m= protocol for the audio stream (`RTP/SAVP`, `RTP/AVP` …), null without an answer. */
  profile: string | null;
  failure: MediaFailure | null;
}

const NOTHING: MediaClassification = { media: null, suite: null, cryptoTag: null, profile: null, failure: null };

/**
 * Classifies the media outcome of a call from the SDP facts and the final status alone, never from reason text, so
 * real servers are recognised whatever their wording. docs/protocol.md §3: "The harness classifies the failure from the
 * offer/answer facts (SRTP required by us, not supported by the peer), not from the reason text".
 *
 * A final status other than 2xx, 488 and 606 (403, 480, 500 …) is not a media outcome: the result is all null and the
 * caller classifies the signalling failure. Without a final status, the answer (from a 2xx or a reliable 18x) is
 * classified alone. Throws `EXUM_SDP_NO_AUDIO` when our own offer has no audio stream: that is a harness mistake.
 */
export function classifyMedia(input: ClassifyMediaInput): MediaClassification {
  const { offerPolicy, offer } = input;
  const audioIndex = offer.media.findIndex((m) => m.type.toLowerCase() === "audio" && m.port > 0);
  const offered = offer.media[audioIndex];
  if (offered === undefined) {
    throw inputError("EXUM_SDP_NO_AUDIO", "the offer to classify has no audio stream with a non-zero port", {
      hint: "classify calls placed with an offer from buildOffer",
    });
  }
  const status = input.finalStatus;
  if (status === 488 || status === 606) return refused(offerPolicy, `the peer answered ${status}`);
  if (status !== undefined && (status < 200 || status > 299)) return NOTHING;
  const answer = input.answer ?? null;
  if (answer === null) {
    return status === undefined ? NOTHING : failed(null, "no-answer-sdp", `the peer answered ${status} without an SDP body`);
  }

  // RFC 3264 §6: the answer has the same number of m= lines as the offer, each answering the one at its index.
  const answered = answer.media[audioIndex];
  if (answered === undefined || answered.type.toLowerCase() !== "audio") {
    return failed(null, "answer-invalid", `the answer has no audio m= line at position ${audioIndex + 1}, where the offer has one`);
  }
  const profile = answered.protocol;
  // RFC 3264 §6: "To reject an offered stream, the port number in the corresponding stream in the answer MUST be set
  // to zero."
  if (answered.port === 0) return { ...refused(offerPolicy, "the peer rejected the audio stream (port 0)"), profile };

  const malformed = answer.warnings.filter((w) => w.code === "crypto-malformed" && w.media === audioIndex);
  const cryptoLines = answered.cryptos.length + malformed.length;
  if (isSrtpProtocol(profile)) {
    if (offerPolicy === "none") {
      return failed(profile, "srtp-required-by-peer", `we offered RTP only and the peer answered ${profile}`);
    }
    return srtpAnswer(offered, answered, cryptoLines, malformed.length);
  }
  // docs/protocol.md §2: "an answer in `RTP/AVP` with no crypto declines it."
  if (cryptoLines > 0) {
    const message = `the answer is ${profile} (not SRTP) yet carries a=crypto: it neither accepts nor declines SRTP`;
    return failed(profile, "answer-invalid", message);
  }
  if (offerPolicy === "required") {
    const message = `we required SRTP (RTP/SAVP with a=crypto) and the peer answered ${profile} without a=crypto`;
    return failed(profile, "incompatible-security-setting", message);
  }
  return { media: "rtp", suite: null, cryptoTag: null, profile, failure: null };
}

/**
 * docs/protocol.md §2: "An answer in `RTP/SAVP` with one `a=crypto` accepts SRTP". RFC 4568 §7.1.2: the answerer picks one
 * offered line and answers with its tag and crypto-suite.
 */
function srtpAnswer(offered: ParsedMedia, answered: ParsedMedia, cryptoLines: number, malformed: number): MediaClassification {
  const profile = answered.protocol;
  if (malformed > 0) return failed(profile, "answer-invalid", "the answer's a=crypto line is malformed");
  if (cryptoLines === 0) return failed(profile, "answer-invalid", `the answer is ${profile} without a=crypto: no key for SRTP`);
  if (cryptoLines > 1) {
    return failed(profile, "answer-invalid", `the answer carries ${cryptoLines} a=crypto lines; it must accept exactly one`);
  }
  const [chosen] = answered.cryptos;
  const match = offered.cryptos.find((c) => c.tag === chosen?.tag);
  if (chosen === undefined || match === undefined) {
    const tags = offered.cryptos.map((c) => c.tag).join(", ") || "none";
    return failed(profile, "answer-invalid", `the answer's crypto tag ${chosen?.tag} is not one we offered (${tags})`);
  }
  if (match.suite !== chosen.suite) {
    const message = `the answer's tag ${chosen.tag} names ${chosen.suite}; we offered ${match.suite} under that tag`;
    return failed(profile, "answer-invalid", message);
  }
  return { media: "srtp", suite: chosen.suite, cryptoTag: chosen.tag, profile, failure: null };
}

/** The peer refused our audio (488/606 or port 0): what that means depends on what we offered. */
function refused(offerPolicy: MediaPolicy, what: string): MediaClassification {
  switch (offerPolicy) {
    case "required":
      // docs/protocol.md §3 "Mechanism [INF]: the pool offers SRTP as required; the worker's media policy is "not
      // supported"; media negotiation fails at the worker." "On the wire [INF]: a 488-class final response".
      return failed(null, "incompatible-security-setting", `we required SRTP (RTP/SAVP with a=crypto) and ${what}`);
    case "none":
      return failed(null, "srtp-required-by-peer", `we offered RTP only (RTP/AVP, no a=crypto) and ${what}`);
    case "optional":
      return failed(null, "offer-not-acceptable", `we offered RTP or SRTP (RTP/AVP with a=crypto) and ${what}`);
  }
}

function failed(profile: string | null, code: MediaFailureCode, message: string): MediaClassification {
  return { media: null, suite: null, cryptoTag: null, profile, failure: { code, message } };
}
