import { internetChecksum } from "./internet-checksum.js";
import type { IpAddress } from "./ip-address.js";
import { IpProtocol } from "./ip-protocol.js";
import { pseudoHeader } from "./pseudo-header.js";

/** RFC 793 §3.1 control bits, as they sit in the low octet of header word 4. */
export const TcpFlag = {
  Fin: 0x01,
  Syn: 0x02,
  Rst: 0x04,
  Psh: 0x08,
  Ack: 0x10,
} as const;

/** A TCP header without options: "Data Offset … The number of 32 bit words in the TCP Header" = 5. */
export const TCP_HEADER_LENGTH = 20;

/**
 * The SYN options of a loopback connection, as Linux sends them: MSS 65495 (RFC 793 §3.1 "Maximum Segment Size"
 * option, kind 2), then NOP and Window Scale 14 (RFC 7323 §2, kind 3), so the advertised window (65535 << 14) never
 * makes Wireshark report "TCP Window Full" for a capture that holds no pure ACKs.
 */
export const SYN_OPTIONS = Uint8Array.from([2, 4, 0xff, 0xd7, 1, 3, 3, 14]);
/** RFC 7323 §2.3: "the Window field in a SYN … segment itself is never scaled". */
export const WINDOW = 0xffff;

export interface TcpSegment {
  readonly source: IpAddress;
  readonly sourcePort: number;
  readonly destination: IpAddress;
  readonly destinationPort: number;
  /** Sequence Number: "The sequence number of the first data octet in this segment (except when SYN is present)". */
  readonly sequence: number;
  /** Acknowledgment Number: "the value of the next sequence number the sender of the segment is expecting". */
  readonly acknowledgment: number;
  /** {@link TcpFlag} bits, OR-ed. */
  readonly flags: number;
  /** Options, a multiple of 4 octets. @defaultValue none */
  readonly options?: Uint8Array;
  readonly payload?: Uint8Array;
}

/** A TCP segment (RFC 793 §3.1, "Header Format"), its checksum computed over the pseudo-header. */
export function encodeTcpSegment(segment: TcpSegment): Buffer {
  const options = segment.options ?? new Uint8Array(0);
  const payload = segment.payload ?? new Uint8Array(0);
  const headerLength = TCP_HEADER_LENGTH + options.length;
  const out = Buffer.alloc(headerLength + payload.length);
  out.writeUInt16BE(segment.sourcePort, 0);
  out.writeUInt16BE(segment.destinationPort, 2);
  out.writeUInt32BE(segment.sequence >>> 0, 4);
  out.writeUInt32BE(segment.flags & TcpFlag.Ack ? segment.acknowledgment >>> 0 : 0, 8);
  out.writeUInt8((headerLength / 4) << 4, 12); // Data Offset, then Reserved
  out.writeUInt8(segment.flags, 13);
  out.writeUInt16BE(WINDOW, 14);
  // Urgent Pointer (18) stays 0. "The checksum field is the 16 bit one's complement of the one's complement sum of
  // all 16 bit words in the header and text … While computing the checksum, the checksum field itself is replaced
  // with zeros." (RFC 793 §3.1)
  out.set(options, TCP_HEADER_LENGTH);
  out.set(payload, headerLength);
  out.writeUInt16BE(internetChecksum(pseudoHeader(segment.source, segment.destination, IpProtocol.Tcp, out.length), out), 16);
  return out;
}
