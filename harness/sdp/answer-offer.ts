import { ANSWER_VOICE_CODECS, sameCodec, TELEPHONE_EVENT } from "./audio-codecs.js";
import { createCryptoAttribute, type CryptoAttribute } from "./crypto-attribute.js";
import { isSrtpProtocol } from "./is-srtp-protocol.js";
import { localEndpoint, type LocalEndpointOptions } from "./local-endpoint.js";
import type { MediaPolicy } from "./media-policy.js";
import type { AnswerResult, NotAcceptableReason } from "./answer-result.js";
import { parseSessionDescription } from "./parse-session-description.js";
import type { MediaDirection, ParsedMedia, RtpCodec } from "./session-description.js";
import { assertSrtpKey, randomSrtpKey } from "./srtp-key.js";
import { MICROSOFT_SRTP_SUITE } from "./srtp-suites.js";
import { writeSessionDescription, type MediaSpec } from "./write-session-description.js";

/** What {@link answerOffer} needs. */
export interface AnswerOptions extends LocalEndpointOptions {
  /** What the answerer supports or requires (e.g. {@link workerPolicyForVoipSecurity} of the dial plan). */
  policy: MediaPolicy;
  /** Our master key and salt, 40 base64 characters (golden tests inject it). @defaultValue a fresh random key */
  key?: string;
  /**
   * Our key's lifetime: `always` writes `|2^31` as Lync does; `mirror` writes it only when the accepted offered line
   * had one (Exchange Online's answer carried "no lifetime or MKI when the offer had none", docs/protocol.md §10).
   * @defaultValue "always"
   */
  keyLifetime?: "always" | "mirror";
  /** A session-level `b=CT:` (docs/protocol.md §10: Exchange's `b=CT:10000000`). @defaultValue none */
  bandwidthCt?: number | null;
  /** The audio stream's `a=label:` (docs/protocol.md §10: Exchange's `main-audio`). @defaultValue none */
  label?: string | null;
  /**
   * The events of our telephone-event `a=fmtp:` (docs/protocol.md §10: Exchange's `0-16,36`). @defaultValue the offered
   * events, or `0-16` when the offer gave none
   */
  telephoneEventFmtp?: string | null;
}

/** The security outcome for the offered audio stream. */
type Security = { kind: "srtp"; offered: CryptoAttribute } | { kind: "rtp" } | { kind: "refuse"; reason: NotAcceptableReason };

/**
 * Answers an SDP offer as a simulated UM worker or Mediation Server would (RFC 3264 offer/answer).
 *
 * The first audio m= section with a non-zero port is answered; every other m= section is rejected with port 0,
 * since RFC 3264 §6 has the answer carry as many m= lines as the offer. Security, per `options.policy`:
 * - `required`: needs an offered `a=crypto` with AES_CM_128_HMAC_SHA1_80, in RTP/SAVP or in RTP/AVP (MS-SDPEXT
 *   optional SRTP); answers RTP/SAVP with exactly one `a=crypto`: the offered tag, the same suite, our own key.
 * - `none`: refuses an offer that requires SRTP (RTP/SAVP, or MS-SDP `a=encryption:required`); answers RTP/AVP
 *   without `a=crypto` otherwise, ignoring any offered crypto.
 * - `optional`: SRTP when a usable `a=crypto` is offered, RTP when the offer allows it.
 * Our answer line carries lifetime 2^31 as Lync writes it (with `keyLifetime: "mirror"` only when the accepted offered
 * line had one), and an MKI (value 1, of the same length) only when the accepted offered line had one: RFC 4568 lets each direction choose its MKI, and mirroring is the simplest choice
 * that a Lync peer accepts. Offered session parameters are not echoed.
 *
 * The voice codec is PCMU when offered, else PCMA; telephone-event is kept when offered, on the offered payload type.
 * Throws `EXUM_SDP_PARSE` when the offer is not SDP (see {@link parseSessionDescription}).
 */
export function answerOffer(offerText: string, options: AnswerOptions): AnswerResult {
  const endpoint = localEndpoint(options);
  const key = options.key === undefined ? undefined : assertSrtpKey(options.key, "key");
  const offer = parseSessionDescription(offerText);
  const audioIndex = offer.media.findIndex((m) => m.type.toLowerCase() === "audio" && m.port > 0);
  const audio = offer.media[audioIndex];
  if (audio === undefined) return refuse("no-audio");

  const security = decideSecurity(options.policy, audio);
  if (security.kind === "refuse") return refuse(security.reason);
  const voice = ANSWER_VOICE_CODECS.map((wanted) => audio.codecs.find((c) => sameCodec(c, wanted))).find((c) => c !== undefined);
  if (voice === undefined) return refuse("no-common-codec");
  const events = audio.codecs.find((c) => sameCodec(c, TELEPHONE_EVENT));
  const codecs: RtpCodec[] = [{ ...voice, fmtp: null }];
  if (events !== undefined) codecs.push({ ...events, fmtp: options.telephoneEventFmtp ?? events.fmtp ?? TELEPHONE_EVENT.fmtp });

  const crypto =
    security.kind === "srtp"
      ? createCryptoAttribute({
          tag: security.offered.tag,
          suite: security.offered.suite,
          key: key ?? randomSrtpKey(),
          lifetime: options.keyLifetime === "mirror" && security.offered.lifetime === null ? null : "2^31",
          mki: security.offered.mki === null ? null : { value: 1, length: security.offered.mki.length },
        })
      : undefined;

  const media = offer.media.map((m, index): MediaSpec => {
    if (index !== audioIndex) {
      return { type: m.type, port: 0, protocol: m.protocol, formats: m.formats, codecs: [], cryptos: [], direction: null, ptime: null };
    }
    return {
      type: m.type,
      port: endpoint.port,
      protocol: crypto === undefined ? m.protocol : srtpProfile(m.protocol),
      formats: codecs.map((c) => String(c.payload)),
      codecs,
      cryptos: crypto === undefined ? [] : [crypto],
      direction: answerDirection(m.direction),
      ptime: m.ptime,
      label: options.label ?? null,
    };
  });
  const sdp = writeSessionDescription(endpoint, media, { bandwidthCt: options.bandwidthCt ?? null });
  if (security.kind === "rtp" || crypto === undefined) return { kind: "answer", sdp, media: "rtp" };
  return { kind: "answer", sdp, media: "srtp", suite: crypto.suite, cryptoTag: crypto.tag, crypto, offerCrypto: security.offered };
}

function refuse(reason: NotAcceptableReason): AnswerResult {
  return { kind: "not-acceptable", reason };
}

function decideSecurity(policy: MediaPolicy, audio: ParsedMedia): Security {
  // docs/protocol.md §2: "**Required** SRTP: the offer uses `RTP/SAVP` with `a=crypto`." The older RTC stack said the
  // same with `a=encryption:required` (MS-SDP), which we honour too.
  const offerRequires = isSrtpProtocol(audio.protocol) || audio.encryption === "required";
  // docs/protocol.md §2: "`AES_CM_128_HMAC_SHA1_80` is the only one Microsoft supports."
  const usable = audio.cryptos.find((c) => c.suite === MICROSOFT_SRTP_SUITE);
  switch (policy) {
    case "none":
      return offerRequires ? { kind: "refuse", reason: "srtp-required-by-offer-not-supported" } : { kind: "rtp" };
    case "required":
      if (audio.cryptos.length === 0) return { kind: "refuse", reason: "srtp-required-by-answerer-not-offered" };
      return usable === undefined ? { kind: "refuse", reason: "no-common-suite" } : { kind: "srtp", offered: usable };
    case "optional":
      if (usable !== undefined) return { kind: "srtp", offered: usable };
      return offerRequires ? { kind: "refuse", reason: "no-common-suite" } : { kind: "rtp" };
  }
}

/**
 * docs/protocol.md §2: "An answer in `RTP/SAVP` with one `a=crypto` accepts SRTP". An offer already in a secure profile
 * keeps it (RTP/SAVPF stays RTP/SAVPF); RTP/AVP(F) with `a=crypto` becomes RTP/SAVP(F).
 */
function srtpProfile(offered: string): string {
  return isSrtpProtocol(offered) ? offered : offered.replace(/AVP(F?)$/i, "SAVP$1");
}

/**
 * RFC 3264 §6.1: an offered sendonly stream is answered recvonly, recvonly is answered sendonly, inactive stays
 * inactive, and sendrecv may be answered sendrecv.
 */
function answerDirection(offered: MediaDirection): MediaDirection {
  if (offered === "sendonly") return "recvonly";
  if (offered === "recvonly") return "sendonly";
  return offered;
}
