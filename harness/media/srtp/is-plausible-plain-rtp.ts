import { readRtpHeader } from "../rtp/read-rtp-header.js";

/**
 * G.711 at 8000 Hz is one byte per sample: 10, 20 or 30 ms frames are 80, 160 or 240 payload bytes (RFC 3551
 * §4.5.14; docs/media.md: "20 ms = 160 samples = 160 payload bytes").
 */
const G711_FRAME_BYTES: readonly number[] = [80, 160, 240];

/** RFC 4733 §2.3: a telephone-event payload is 4 bytes (event, E/R/volume, duration); 101 is the usual PT. */
const TELEPHONE_EVENT = { payloadType: 101, payloadBytes: 4 };

/**
 * True when a packet that failed SRTP verification reads as an ordinary unprotected RTP packet: version 2 and a
 * payload that is exactly a G.711 frame, or a telephone-event. An SRTP packet of that size would also carry a
 * 4- or 10-byte tag, so the whole packet being a clean frame is the sign of "SAVP in name only" (docs/media.md).
 */
export function isPlausiblePlainRtp(packet: Buffer): boolean {
  const read = readRtpHeader(packet);
  if (!read.ok) return false;
  const payloadBytes = packet.length - read.header.headerLength;
  if (read.header.payloadType === TELEPHONE_EVENT.payloadType) return payloadBytes === TELEPHONE_EVENT.payloadBytes;
  return G711_FRAME_BYTES.includes(payloadBytes);
}
