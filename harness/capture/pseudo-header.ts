import type { IpAddress } from "./ip-address.js";
import type { IpProtocol } from "./ip-protocol.js";

/**
 * The pseudo-header UDP and TCP checksums start with.
 * IPv4: "the source address, the destination address, the protocol, and the UDP length" with a zero octet (RFC 768;
 * RFC 793 §3.1: "a 96 bit pseudo header … the Source Address, the Destination Address, the Protocol, and TCP length").
 * IPv6 (RFC 8200 §8.1): Source Address, Destination Address, a 32-bit Upper-Layer Packet Length, 24 zero bits and the
 * Next Header value.
 */
export function pseudoHeader(source: IpAddress, destination: IpAddress, protocol: IpProtocol, length: number): Buffer {
  if (source.family === 4) {
    const header = Buffer.alloc(12);
    header.set(source.bytes, 0);
    header.set(destination.bytes, 4);
    header.writeUInt8(protocol, 9);
    header.writeUInt16BE(length, 10);
    return header;
  }
  const header = Buffer.alloc(40);
  header.set(source.bytes, 0);
  header.set(destination.bytes, 16);
  header.writeUInt32BE(length, 32);
  header.writeUInt8(protocol, 39);
  return header;
}
