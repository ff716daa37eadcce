/**
 * Why media negotiation failed, as seen from the offering side. Stable codes (scenarios expect them, reports
 * explain them), with a one-line description each.
 */
export const MEDIA_FAILURES = {
  "incompatible-security-setting":
    "we required SRTP and the peer does not support it: 488/606, a rejected stream, or an RTP/AVP answer without a=crypto",
  "srtp-required-by-peer": "we offered RTP only and the peer insists on SRTP: 488/606, a rejected stream, or an RTP/SAVP answer",
  "offer-not-acceptable":
    "we allowed both RTP and SRTP and the peer still refused the audio (488/606 or port 0): codecs, or a peer that ignores a=crypto in RTP/AVP",
  "answer-invalid":
    "the answer breaks offer/answer: a crypto tag or suite we did not offer, RTP/SAVP without a=crypto, " +
    "more than one or a malformed a=crypto, a=crypto in RTP/AVP, or no matching audio m= line",
  "no-answer-sdp": "the peer accepted the call (2xx) without an SDP answer",
} as const;

/** A stable code from {@link MEDIA_FAILURES}. */
export type MediaFailureCode = keyof typeof MEDIA_FAILURES;

/** Every {@link MediaFailureCode}, in the order of {@link MEDIA_FAILURES}. */
export const MEDIA_FAILURE_CODES = Object.keys(MEDIA_FAILURES) as MediaFailureCode[];

/** A classified failure: the stable code and a message naming the SDP facts behind it. */
export interface MediaFailure {
  code: MediaFailureCode;
  message: string;
}
