import { encodePcapngBlock, paddedLength } from "./pcapng-block.js";
import { encodePcapngOptions, type PcapngOption } from "./pcapng-options.js";

/** draft-ietf-opsawg-pcapng §4.3: "The block type of the Enhanced Packet Block is 6." */
export const ENHANCED_PACKET_BLOCK_TYPE = 6;
/** §4.3, Table 4: "epb_flags … a 32-bit flags word containing link-layer information". */
export const EPB_FLAGS = 2;

/** §4.3.1, bits 0-1: "Inbound / Outbound packet (00 = information not available, 01 = inbound, 10 = outbound)". */
export type PacketDirection = "inbound" | "outbound";
const DIRECTION_BITS: Readonly<Record<PacketDirection, number>> = { inbound: 0b01, outbound: 0b10 };

export interface EnhancedPacket {
  /** The Interface ID: the index of its Interface Description Block. */
  readonly interfaceId: number;
  /** In units of the interface's `if_tsresol` (microseconds since 1970-01-01 UTC for this writer). */
  readonly timestamp: bigint;
  /** The whole packet, link-layer header included (for LINKTYPE_RAW: from the IP header on). */
  readonly packet: Uint8Array;
  /** Written as `epb_flags` when given. */
  readonly direction?: PacketDirection;
}

/** The fixed part of an Enhanced Packet Block before its packet data, plus the block frame: what a packet costs. */
export const ENHANCED_PACKET_BLOCK_OVERHEAD = 12 + 20;

/**
 * An Enhanced Packet Block holding the whole packet (Captured Packet Length = Original Packet Length: the
 * recorder never truncates a packet, it drops whole packets past its byte budget).
 */
export function encodeEnhancedPacketBlock(packet: EnhancedPacket): Buffer {
  const options: PcapngOption[] = [];
  if (packet.direction !== undefined) {
    const flags = Buffer.alloc(4);
    flags.writeUInt32LE(DIRECTION_BITS[packet.direction], 0); // "using the endianness of the Section Header Block"
    options.push({ code: EPB_FLAGS, value: flags });
  }
  const encodedOptions = encodePcapngOptions(options);
  const dataLength = paddedLength(packet.packet.length);
  const body = Buffer.alloc(20 + dataLength + encodedOptions.length);
  body.writeUInt32LE(packet.interfaceId, 0);
  // §4.3: "two 32-bit unsigned integers, representing a single 64-bit unsigned integer, with the first value being
  // the upper 32 bits of that integer and the second value being the lower 32 bits".
  body.writeUInt32LE(Number((packet.timestamp >> 32n) & 0xffffffffn), 4);
  body.writeUInt32LE(Number(packet.timestamp & 0xffffffffn), 8);
  body.writeUInt32LE(packet.packet.length, 12); // Captured Packet Length: "does not include the padding octets"
  body.writeUInt32LE(packet.packet.length, 16); // Original Packet Length
  body.set(packet.packet, 20);
  body.set(encodedOptions, 20 + dataLength);
  return encodePcapngBlock(ENHANCED_PACKET_BLOCK_TYPE, body);
}
