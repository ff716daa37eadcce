import type { RtpFailureCode } from "./rtp-failure.js";

/** An address and port as seen on the wire. */
export interface MediaAddress {
  readonly address: string;
  readonly port: number;
}

/**
 * What both directions of the media looked like, from what crossed our socket (docs/media.md §7):
 * `two-way` (we sent and the peer's packets arrived, and no RTCP report of the peer says it received none of ours),
 * `one-way-in` (only the peer's media flowed: we could not send, or the peer reported receiving none of ours),
 * `one-way-out` (we sent, nothing arrived), `none`.
 */
export type MediaVerdict = "two-way" | "one-way-in" | "one-way-out" | "none";

/** One SRTP MKI (RFC 3711 §3.1) as negotiated: `<value>:<length in bytes>`. */
export interface MediaMki {
  readonly value: number;
  readonly length: number;
}

/** What the decoded audio of one direction measured (docs/media.md §6). */
export interface AudioMeasure {
  /** 20 ms frames decoded. */
  readonly frames: number;
  /** The share of frames louder than −50 dBFS. */
  readonly nonSilentPercent: number;
  /** RMS level of the non-silent frames, dBFS; null when all were silent. */
  readonly levelDbfs: number | null;
  /** The frequencies (Hz) of the known test signals that dominated at least 60 ms of the audio. */
  readonly tones: number[];
}

/** What we sent. */
export interface MediaSent {
  readonly packets: number;
  readonly bytes: number;
  readonly rtcpPackets: number;
  /** The RFC 4733 digits sent, in order. */
  readonly dtmf: string;
  /** Packets the socket refused to send (an unreachable address, a closed socket). */
  readonly errors: number;
}

/** What arrived and what it proved. */
export interface MediaReceived {
  /** Datagrams that arrived on the RTP port (or the muxed port), of any kind. */
  readonly packets: number;
  readonly bytes: number;
  /** SRTP packets whose tag verified with the answer's key (0 on plain RTP). */
  readonly authenticated: number;
  /** SRTP packets whose tag did not verify, in any reading. */
  readonly authFailed: number;
  /** SRTP packets seen before inside the 64-packet replay window, or older than it (RFC 3711 §3.3.2). */
  readonly replayed: number;
  /** SRTP packets whose MKI was missing, unexpected or another value than negotiated. */
  readonly mkiMismatch: number;
  /** Plain RTP packets on an SRTP stream: RTP/SAVP in name only. */
  readonly plainRtp: number;
  /** Packets that were not RTP (nor RTCP on a muxed port). */
  readonly notRtp: number;
  /** Packets from an address or port other than the answer's c=/m= (RTP) or its RTCP port. */
  readonly fromOtherAddress: number;
  /** The first such source, when there was one. */
  readonly otherSource: MediaAddress | null;
  /** RFC 3550 §6.4.1 cumulative number of packets lost, over the packets accepted. */
  readonly lost: number;
  /** RFC 3550 §6.4.1 / A.8 interarrival jitter, in ms. */
  readonly jitterMs: number;
  /** The first and last accepted packet, ms after the media started; null when none arrived. */
  readonly firstPacketMs: number | null;
  readonly lastPacketMs: number | null;
  /** Payload types of the accepted packets, in order of first appearance. */
  readonly payloadTypes: number[];
  /** RFC 4733 digits the peer sent. */
  readonly dtmf: string;
  readonly rtcpPackets: number;
  /** The decoded voice payload, measured; null when no voice packet was accepted. */
  readonly audio: AudioMeasure | null;
}

/** What the peer's RTCP reports (RFC 3550 §6.4) said about our stream; null when none arrived. */
export interface PeerReport {
  /** SR and RR packets that arrived from the peer. */
  readonly reports: number;
  /** Those that carried a reception report block for our SSRC. */
  readonly aboutUs: number;
  /**
   * From the latest block about us: our packets the peer received (its extended highest sequence − our first + 1 −
   * its cumulative loss), its cumulative loss and jitter; null when no block named us.
   */
  readonly packetsReceived: number | null;
  readonly cumulativeLost: number | null;
  readonly jitterMs: number | null;
}

/** Packets per time bin, both directions, for a plot that shows a one-way or stopped stream at a glance. */
export interface MediaTimeline {
  readonly binMs: number;
  readonly sent: number[];
  readonly received: number[];
}

/**
 * The media of one answered call, both directions, as seen on our socket (docs/media.md §6, §7). Everything here was
 * measured: `protection` is what was negotiated and `received.authenticated` what proved it.
 */
export interface MediaEvidence {
  /** What the SDP negotiated: `srtp` (packets must authenticate) or `rtp`. */
  readonly protection: "srtp" | "rtp";
  readonly suite: string | null;
  /** The MKI we write on our packets and the one the answer's key carries, per RFC 3711 §3.1 (null: none). */
  readonly mki: { readonly sent: MediaMki | null; readonly received: MediaMki | null };
  /** The voice codec answered, `PCMU` or `PCMA`, and the RFC 4733 payload type (null when not agreed). */
  readonly codec: string;
  readonly telephoneEvent: number | null;
  readonly rtcpMux: boolean;
  readonly local: MediaAddress;
  readonly remote: MediaAddress;
  /** From the answer to the end of the call. */
  readonly durationMs: number;
  readonly sent: MediaSent;
  readonly received: MediaReceived;
  readonly peerReport: PeerReport | null;
  readonly timeline: MediaTimeline;
  readonly verdict: MediaVerdict;
  readonly failure: { readonly code: RtpFailureCode; readonly message: string } | null;
}
