import type { SrtpRejection } from "./srtp-rejection.js";

/**
 * The outcome of unprotecting one packet: the plain RTP/RTCP packet and its index, or a named rejection with a
 * sentence for the report.
 *
 * `index` is the 48-bit SRTP packet index 2^16 * ROC + SEQ as a bigint for RTP (RFC 3711 §3.3.1), and the 31-bit
 * SRTCP index as a number for RTCP (§3.4).
 */
export type SrtpUnprotect =
  | { ok: true; packet: Buffer; index: bigint | number }
  | { ok: false; reason: SrtpRejection; detail: string };
