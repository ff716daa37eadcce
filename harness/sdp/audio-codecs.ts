import type { RtpCodec } from "./session-description.js";

/**
 * RFC 3551 §6 (Table 4): the static audio payload types this harness may meet from Lync, Exchange and gateways.
 * An m= line may list them without `a=rtpmap`.
 */
export const STATIC_AUDIO_PAYLOADS: Readonly<Record<number, { name: string; rate: number }>> = {
  0: { name: "PCMU", rate: 8000 },
  3: { name: "GSM", rate: 8000 },
  4: { name: "G723", rate: 8000 },
  8: { name: "PCMA", rate: 8000 },
  9: { name: "G722", rate: 8000 },
  13: { name: "CN", rate: 8000 },
  18: { name: "G729", rate: 8000 },
};

/** PCMU/8000 on its static payload type 0. */
export const PCMU: RtpCodec = { payload: 0, name: "PCMU", rate: 8000, fmtp: null };

/** PCMA/8000 on its static payload type 8. */
export const PCMA: RtpCodec = { payload: 8, name: "PCMA", rate: 8000, fmtp: null };

/** RFC 4733 DTMF events 0-16 on payload type 101, as Lync offers them (`a=fmtp:101 0-16`). */
export const TELEPHONE_EVENT: RtpCodec = { payload: 101, name: "telephone-event", rate: 8000, fmtp: "0-16" };

/** What our offers carry, in order of preference. */
export const OFFER_CODECS: readonly RtpCodec[] = [PCMU, TELEPHONE_EVENT];

/** The voice codecs the simulated answerer accepts, in order of preference: PCMU first. */
export const ANSWER_VOICE_CODECS: readonly RtpCodec[] = [PCMU, PCMA];

/** Whether `codec` is the same encoding as `wanted` (name case-insensitive, same clock rate). */
export function sameCodec(codec: RtpCodec, wanted: RtpCodec): boolean {
  return codec.name.toLowerCase() === wanted.name.toLowerCase() && codec.rate === wanted.rate;
}
