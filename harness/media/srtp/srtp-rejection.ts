/**
 * Why a receiver discarded an SRTP or SRTCP packet, named so that a report can say what the peer got wrong.
 *
 * | code             | meaning                                                                                  |
 * |------------------|------------------------------------------------------------------------------------------|
 * | `too-short`      | shorter than a header plus the MKI and tag the negotiated suite requires                 |
 * | `not-rtp`        | not RTP (or not RTCP): wrong version, or a header longer than the packet                 |
 * | `auth-failed`    | the tag does not verify in any reading: wrong key, corrupted or forged packet            |
 * | `replayed`       | the tag verifies but the index was accepted before or lies behind the 64-packet window    |
 * | `mki-missing`    | an MKI was negotiated; the packet verifies only when read without one                    |
 * | `mki-unexpected` | no MKI was negotiated; the packet verifies only when read with a 1–4 byte MKI            |
 * | `mki-unknown`    | the packet carries an MKI of another value (or length) than the one negotiated           |
 * | `plain-rtp`      | the tag does not verify, but the packet is a plausible plain RTP (or RTCP) packet:       |
 * |                  | the peer sends unprotected media on an `RTP/SAVP` line                                   |
 *
 * RFC 3711 §3.3 step 5: a replayed packet "MUST be discarded, and the event SHOULD be logged"; on "AUTHENTICATION
 * FAILURE" the packet "MUST be discarded from further processing and the event SHOULD be logged". The codes
 * below are that log entry.
 */
export type SrtpRejection =
  | "too-short"
  | "not-rtp"
  | "auth-failed"
  | "replayed"
  | "mki-missing"
  | "mki-unexpected"
  | "mki-unknown"
  | "plain-rtp";
