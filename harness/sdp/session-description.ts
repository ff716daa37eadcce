import type { CryptoAttribute } from "./crypto-attribute.js";

/** RFC 4566 §6: the media direction attributes; "sendrecv" when none is given. */
export type MediaDirection = "sendrecv" | "sendonly" | "recvonly" | "inactive";

/** MS-SDP legacy `a=encryption:` values of the older Windows RTC stack. */
export type LegacyEncryption = "required" | "optional" | "rejected";

/** An `a=rtpmap` entry, or the static payload type it stands for. */
export interface RtpCodec {
  payload: number;
  /** Encoding name as written (`PCMU`, `telephone-event`). */
  name: string;
  /** Clock rate in Hz. */
  rate: number | null;
  /** The `a=fmtp` parameters of this payload type, or null. */
  fmtp: string | null;
}

/**
 * An `a=cryptoscale` line (MS-SSRTP scale SRTP). Its tag shares the `a=crypto` tag space (MS-SDPEXT: the tag
 * "MUST be unique across the a=crypto and a=cryptoscale attributes"); the rest is kept as written.
 */
export interface CryptoscaleAttribute {
  /** The leading decimal tag, or null when the value does not start with one. */
  tag: number | null;
  /** The attribute value after `a=cryptoscale:`. */
  value: string;
}

/** Stable codes of what the parser noticed but did not throw for. */
export type SdpParseWarningCode =
  | "crypto-malformed"
  | "crypto-at-session-level"
  | "crypto-duplicate-tag"
  | "encryption-unknown";

/** Something wrong inside an otherwise usable description; the line is skipped and the warning kept as evidence. */
export interface SdpParseWarning {
  code: SdpParseWarningCode;
  /** Index into `media`, or null for the session level. */
  media: number | null;
  /** The offending line as written. */
  line: string;
  message: string;
}

/** One m= section, reduced to what the harness reasons about. JSON-serialisable. */
export interface ParsedMedia {
  /** `audio`, `video`, `application` … */
  type: string;
  /** 0 means the stream is rejected or disabled (RFC 3264 §6). */
  port: number;
  /** `RTP/SAVP`, `RTP/AVP`, `UDP/TLS/RTP/SAVP` … as written. */
  protocol: string;
  /** The m= line formats as written (payload type numbers for RTP). */
  formats: string[];
  /** The numeric formats: RTP payload types in order of preference. */
  payloads: number[];
  /** The codecs of `payloads`, from `a=rtpmap` or the static table. */
  codecs: RtpCodec[];
  /** The media-level `c=` address, else the session-level one, else null. */
  connectionAddress: string | null;
  direction: MediaDirection;
  /** `a=ptime` in ms, or null. */
  ptime: number | null;
  /** Well-formed `a=crypto` lines in order; malformed ones are in the warnings. */
  cryptos: CryptoAttribute[];
  cryptoscales: CryptoscaleAttribute[];
  /** The legacy MS-SDP `a=encryption` value (media level, else session level), or null. */
  encryption: LegacyEncryption | null;
}

/** What {@link parseSessionDescription} returns. JSON-serialisable. */
export interface ParsedSessionDescription {
  origin: { userName: string; sessionId: string; sessionVersion: string; address: string } | null;
  /** The session-level `c=` address, or null. */
  connectionAddress: string | null;
  media: ParsedMedia[];
  warnings: SdpParseWarning[];
}
