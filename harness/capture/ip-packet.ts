import { internalError } from "../errors/harness-error.js";
import { internetChecksum } from "./internet-checksum.js";
import type { IpAddress } from "./ip-address.js";
import type { IpProtocol } from "./ip-protocol.js";

/** An IPv4 header without options (IHL 5) is 20 octets; the IPv6 header is always 40 (RFC 8200 §3). */
export const IPV4_HEADER_LENGTH = 20;
export const IPV6_HEADER_LENGTH = 40;
/** The most an IPv4 Total Length (RFC 791) or an IPv6 Payload Length (RFC 8200) can say: 16 bits. */
export const MAX_IP_LENGTH = 0xffff;
/** A loopback packet's hop count: Linux's default TTL / Hop Limit. */
const TTL = 64;

export interface IpPacket {
  readonly source: IpAddress;
  readonly destination: IpAddress;
  readonly protocol: IpProtocol;
  /** The UDP datagram or TCP segment, its checksum already computed. */
  readonly payload: Uint8Array;
  /** IPv4 Identification; ignored for IPv6. @defaultValue 0 */
  readonly identification?: number;
}

/** The header length of an IP packet of the given family. */
export function ipHeaderLength(family: 4 | 6): number {
  return family === 4 ? IPV4_HEADER_LENGTH : IPV6_HEADER_LENGTH;
}

/** An IPv4 (RFC 791) or IPv6 (RFC 8200) packet around `payload`, by the family of its addresses. */
export function encodeIpPacket(packet: IpPacket): Buffer {
  if (packet.source.family !== packet.destination.family) {
    throw internalError("EXUM_INTERNAL", `an IPv${packet.source.family} source cannot send to an IPv${packet.destination.family} destination`, {
      hint: "record both ends with the addresses the socket reports (an IPv4-mapped ::ffff:a.b.c.d counts as IPv4)",
    });
  }
  return packet.source.family === 4 ? ipv4(packet) : ipv6(packet);
}

function ipv4(packet: IpPacket): Buffer {
  const total = IPV4_HEADER_LENGTH + packet.payload.length;
  if (total > MAX_IP_LENGTH) throw tooLong(total);
  const out = Buffer.alloc(total);
  // RFC 791 §3.1: "Version: 4 bits … IHL: 4 bits … the length of the internet header in 32 bit words".
  out.writeUInt8(0x45, 0);
  out.writeUInt8(0, 1); // Type of Service
  out.writeUInt16BE(total, 2); // "Total Length is the length of the datagram, measured in octets, including internet header and data."
  out.writeUInt16BE((packet.identification ?? 0) & 0xffff, 4);
  out.writeUInt16BE(0x4000, 6); // Flags: "Bit 1: (DF) 1 = Don't Fragment", Fragment Offset 0
  out.writeUInt8(TTL, 8);
  out.writeUInt8(packet.protocol, 9);
  out.set(packet.source.bytes, 12);
  out.set(packet.destination.bytes, 16);
  // "For purposes of computing the checksum, the value of the checksum field is zero." (RFC 791 §3.1)
  out.writeUInt16BE(internetChecksum(out.subarray(0, IPV4_HEADER_LENGTH)), 10);
  out.set(packet.payload, IPV4_HEADER_LENGTH);
  return out;
}

function ipv6(packet: IpPacket): Buffer {
  if (packet.payload.length > MAX_IP_LENGTH) throw tooLong(IPV6_HEADER_LENGTH + packet.payload.length);
  const out = Buffer.alloc(IPV6_HEADER_LENGTH + packet.payload.length);
  out.writeUInt32BE(0x60000000, 0); // RFC 8200 §3: Version 6, Traffic Class 0, Flow Label 0
  out.writeUInt16BE(packet.payload.length, 4); // "Payload Length … the rest of the packet following this IPv6 header"
  out.writeUInt8(packet.protocol, 6); // Next Header
  out.writeUInt8(TTL, 7); // Hop Limit
  out.set(packet.source.bytes, 8);
  out.set(packet.destination.bytes, 24);
  out.set(packet.payload, IPV6_HEADER_LENGTH);
  return out;
}

function tooLong(length: number) {
  return internalError("EXUM_INTERNAL", `an IP packet of ${length} octets does not fit the 16-bit length field`, {
    hint: "split TCP payloads into segments (the recorder does); a UDP datagram cannot be this long",
  });
}
