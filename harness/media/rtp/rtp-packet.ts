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
 * Reads an RTP packet, or null when the datagram is not one: version other than 2, shorter than its header, CSRC list
 * and extension (RFC 3550 §5.1, §5.3.1), or padding longer than the payload (§5.1 "P").
 */
export function readRtpPacket(datagram: Buffer): RtpPacket | null {
  if (datagram.length < 12 || datagram[0]! >> 6 !== 2) return null;
  const first = datagram[0]!;
  let offset = 12 + (first & 0x0f) * 4;
  if ((first & 0x10) !== 0) {
    if (datagram.length < offset + 4) return null;
    offset += 4 + datagram.readUInt16BE(offset + 2) * 4;
  }
  let end = datagram.length;
  if ((first & 0x20) !== 0 && end > offset) end -= datagram[end - 1]!;
  if (offset > end) return null;
  return {
    marker: (datagram[1]! & 0x80) !== 0,
    payloadType: datagram[1]! & 0x7f,
    sequence: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    payload: datagram.subarray(offset, end),
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
