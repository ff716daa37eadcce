import type { MediaAddress } from "../model/media-evidence.js";
import type { G711Codec } from "./audio/g711.js";
import type { SrtpKeying } from "./srtp/srtp-keying.js";

/**
 * Misbehaviours a simulated answerer can be given (the lab's media faults, docs/media.md §8). A real client never
 * sets them.
 */
export interface MediaFaults {
  /** Send nothing at all (RTP and RTCP). */
  readonly silent?: boolean;
  /** Ignore everything that arrives: no receiver reports about the caller (one-way audio, as seen from the caller). */
  readonly deaf?: boolean;
  /** Send plain RTP although SRTP was agreed ("SAVP in name only"). */
  readonly plainRtp?: boolean;
  /** Protect with a key other than the one the SDP gave. */
  readonly wrongKey?: boolean;
  /** Write no MKI although the SDP's key has one. */
  readonly omitMki?: boolean;
  /** Stop sending this many ms after the media started. */
  readonly stopAfterMs?: number | null;
  /** Send from another port than the one the SDP names. */
  readonly fromOtherPort?: boolean;
}

/** When to send RFC 4733 digits. */
export interface DtmfPlan {
  readonly digits: string;
  /** Ms after the media started. */
  readonly atMs: number;
}

/** What one side of a call sends and how it reads what arrives: decided from the offer and answer. */
export interface MediaPlan {
  /** Where the peer receives RTP (the c=/m= of its SDP) and RTCP (the next port, or the same one with rtcp-mux). */
  readonly remote: MediaAddress;
  readonly remoteRtcp: MediaAddress;
  readonly rtcpMux: boolean;
  readonly codec: G711Codec;
  readonly payloadType: number;
  /** The agreed telephone-event payload type, or null. */
  readonly telephoneEvent: number | null;
  /** SRTP when it was agreed: our sending key (from our SDP) and the peer's (from its SDP). */
  readonly srtp: { readonly suite: string; readonly send: SrtpKeying; readonly receive: SrtpKeying } | null;
  /** What we play, 8 kHz samples, looped for as long as the call is up. */
  readonly signal: Int16Array;
  /** The tone frequencies (Hz) to look for in what arrives. */
  readonly candidateTones: readonly number[];
  readonly dtmf?: DtmfPlan | null;
  readonly faults?: MediaFaults;
  /** RTCP report interval; 1 s so that a short test call carries reports (RFC 3550 §6.2 suggests 5 s). */
  readonly rtcpIntervalMs?: number;
}
