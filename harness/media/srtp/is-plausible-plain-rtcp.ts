/** RTCP packet types SR and RR (RFC 3550 §6.4.1, §6.4.2). */
const SR = 200;
const RR = 201;

/**
 * True when a packet that failed SRTCP verification is a well-formed plain compound RTCP packet: every part is
 * version 2, RTCP packet types lie in 192–223 (RFC 5761 §4), and the parts' length fields add up to exactly the
 * packet. An SRTCP packet ends with at least 14 bytes (E + index, tag) that no length field accounts for.
 *
 * RFC 3550 §6.4.1: "length: 16 bits. The length of this RTCP packet in 32-bit words minus one, including the
 * header and any padding." §6.1: "The first RTCP packet in the compound packet MUST always be a report packet".
 */
export function isPlausiblePlainRtcp(packet: Buffer): boolean {
  if (packet.length < 8) return false;
  const firstType = packet.readUInt8(1);
  if (firstType !== SR && firstType !== RR) return false;
  let offset = 0;
  while (offset + 4 <= packet.length) {
    const type = packet.readUInt8(offset + 1);
    if (packet.readUInt8(offset) >> 6 !== 2 || type < 192 || type > 223) return false;
    offset += 4 * (packet.readUInt16BE(offset + 2) + 1);
  }
  return offset === packet.length;
}
