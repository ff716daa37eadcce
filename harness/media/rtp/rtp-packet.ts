import { readRtpHeader } from "./read-rtp-header.js";

/** An RTP packet's fixed header fields and payload (RFC 3550 §5.1). */
export interface RtpPacket {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  /** The payload, padding removed (a view into the datagram). */
  readonly payload: Buffer;
}

/** What a sender writes: the fixed header's variable fields and the payload. */
export interface RtpPacketSpec {
  readonly marker?: boolean;
  readonly payloadType: number;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Uint8Array;
}

/**
 * Writes an RTP packet with the 12-byte fixed header only (RFC 3550 §5.1): V=2, no padding, no extension, no CSRC.
 */
export function writeRtpPacket(spec: RtpPacketSpec): Buffer {
  const packet = Buffer.alloc(12 + spec.payload.length);
  packet[0] = 0x80;
  packet[1] = (spec.marker === true ? 0x80 : 0) | (spec.payloadType & 0x7f);
  packet.writeUInt16BE(spec.sequence & 0xffff, 2);
  packet.writeUInt32BE(spec.timestamp >>> 0, 4);
  packet.writeUInt32BE(spec.ssrc >>> 0, 8);
  packet.set(spec.payload, 12);
  return packet;
}

/**
 * Reads an RTP packet, or null when the datagram is not one (readRtpHeader: version, length, CSRC list and
 * extension, RFC 3550 §5.1, §5.3.1), or its padding is longer than the payload (§5.1 "P").
 */
export function readRtpPacket(datagram: Buffer): RtpPacket | null {
  const read = readRtpHeader(datagram);
  if (!read.ok) return null;
  const { header } = read;
  let end = datagram.length;
  if ((datagram[0]! & 0x20) !== 0 && end > header.headerLength) end -= datagram[end - 1]!;
  if (header.headerLength > end) return null;
  return {
    marker: header.marker,
    payloadType: header.payloadType,
    sequence: header.sequenceNumber,
    timestamp: header.timestamp,
    ssrc: header.ssrc,
    payload: datagram.subarray(header.headerLength, end),
  };
}

/**
 * RFC 5761 §4: on a muxed port, a packet whose second byte is 192–223 (RTCP packet types 200–207 read with the
 * marker bit) is RTCP; RTP payload types 64–95 are avoided for that reason.
 */
export function isRtcpOnMuxedPort(datagram: Buffer): boolean {
  const second = datagram[1];
  return datagram.length >= 8 && second !== undefined && second >= 192 && second <= 223;
}
