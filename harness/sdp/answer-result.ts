import type { CryptoAttribute } from "./crypto-attribute.js";

/** Why the simulated answerer refuses an offer, with a one-line description each (stable codes). */
export const NOT_ACCEPTABLE_REASONS = {
  "srtp-required-by-offer-not-supported": "the offer requires SRTP (RTP/SAVP) and the answerer does not support it",
  "srtp-required-by-answerer-not-offered": "the answerer requires SRTP and the offer carries no a=crypto",
  "no-common-suite": "SRTP is needed but no offered a=crypto uses AES_CM_128_HMAC_SHA1_80",
  "no-audio": "the offer has no audio stream with a non-zero port",
  "no-common-codec": "the offer has no voice codec the answerer takes (PCMU, PCMA)",
} as const;

/** A stable code from {@link NOT_ACCEPTABLE_REASONS}. */
export type NotAcceptableReason = keyof typeof NOT_ACCEPTABLE_REASONS;

/**
 * What the simulated answerer does with an offer: answer it, or refuse it (the caller sends 488 Not Acceptable
 * Here, docs/protocol.md §3).
 */
export type AnswerResult =
  | {
      kind: "answer";
      sdp: string;
      media: "srtp" | "rtp";
      /** The SRTP suite, when `media` is srtp. */
      suite?: string;
      /** The accepted offered tag, when `media` is srtp. */
      cryptoTag?: number;
      /** Our a=crypto line as written in the answer (our sending key), when `media` is srtp. */
      crypto?: CryptoAttribute;
      /** The offered a=crypto line we accepted (the peer's sending key), when `media` is srtp. */
      offerCrypto?: CryptoAttribute;
    }
  | { kind: "not-acceptable"; reason: NotAcceptableReason };
