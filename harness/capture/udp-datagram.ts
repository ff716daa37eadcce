import { internetChecksum } from "./internet-checksum.js";
import type { IpAddress } from "./ip-address.js";
import { IpProtocol } from "./ip-protocol.js";
import { pseudoHeader } from "./pseudo-header.js";

/** RFC 768: source port, destination port, length, checksum: 8 octets. */
export const UDP_HEADER_LENGTH = 8;

export interface UdpDatagram {
  readonly source: IpAddress;
  readonly sourcePort: number;
  readonly destination: IpAddress;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
}

/**
 * A UDP datagram (RFC 768), checksummed. "Length is the length in octets of this user datagram including this
 * header and the data." The checksum is optional over IPv4 (zero means none) but mandatory over IPv6 (RFC 8200
 * §8.1); it is always computed here, so Wireshark can check it either way. "If the computed checksum is zero, it is
 * transmitted as all ones."
 */
export function encodeUdpDatagram(datagram: UdpDatagram): Buffer {
  const length = UDP_HEADER_LENGTH + datagram.payload.length;
  const out = Buffer.alloc(length);
  out.writeUInt16BE(datagram.sourcePort, 0);
  out.writeUInt16BE(datagram.destinationPort, 2);
  out.writeUInt16BE(length & 0xffff, 4);
  out.set(datagram.payload, UDP_HEADER_LENGTH);
  const checksum = internetChecksum(pseudoHeader(datagram.source, datagram.destination, IpProtocol.Udp, length), out);
  out.writeUInt16BE(checksum === 0 ? 0xffff : checksum, 6);
  return out;
}
