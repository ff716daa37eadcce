/**
 * A small pcapng and IP reader for the capture tests (test support, imported by the other `*.test.ts` here; its
 * own checks are at the end). It is written from draft-ietf-opsawg-pcapng, RFC 791/793/768/8200 — not from the
 * writer — and rejects what the writer must never produce: a length that is not a multiple of 4, a trailing length
 * that differs from the leading one, non-zero padding, options without opt_endofopt.
 */
import t from "tap";
import { internetChecksum } from "./internet-checksum.js";

export interface RawBlock {
  readonly type: number;
  readonly offset: number;
  readonly totalLength: number;
  readonly body: Buffer;
}

export interface ReadOption {
  readonly code: number;
  readonly value: Buffer;
}

export function readBlocks(file: Buffer): RawBlock[] {
  const blocks: RawBlock[] = [];
  let offset = 0;
  while (offset < file.length) {
    if (file.length - offset < 12) throw new Error(`${file.length - offset} stray octets at ${offset}`);
    const type = file.readUInt32LE(offset);
    const totalLength = file.readUInt32LE(offset + 4);
    if (totalLength % 4 !== 0) throw new Error(`block at ${offset}: total length ${totalLength} is not a multiple of 4`);
    if (totalLength < 12 || offset + totalLength > file.length) throw new Error(`block at ${offset}: total length ${totalLength} overruns the file`);
    const trailing = file.readUInt32LE(offset + totalLength - 4);
    if (trailing !== totalLength) throw new Error(`block at ${offset}: trailing length ${trailing} ≠ ${totalLength}`);
    blocks.push({ type, offset, totalLength, body: file.subarray(offset + 8, offset + totalLength - 4) });
    offset += totalLength;
  }
  return blocks;
}

/** Reads the option list that fills `data`; requires opt_endofopt last and zero padding. */
export function readOptions(data: Buffer): ReadOption[] {
  const options: ReadOption[] = [];
  let offset = 0;
  if (data.length === 0) return options;
  for (;;) {
    if (offset + 4 > data.length) throw new Error("option list without opt_endofopt");
    const code = data.readUInt16LE(offset);
    const length = data.readUInt16LE(offset + 2);
    if (code === 0) {
      if (length !== 0 || offset + 4 !== data.length) throw new Error("opt_endofopt is not the last 4 octets");
      return options;
    }
    const padded = (length + 3) & ~3;
    if (offset + 4 + padded > data.length) throw new Error(`option ${code} overruns its block`);
    requireZero(data.subarray(offset + 4 + length, offset + 4 + padded), `padding of option ${code}`);
    options.push({ code, value: data.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + padded;
  }
}

function requireZero(bytes: Buffer, what: string): void {
  if (bytes.some((byte) => byte !== 0)) throw new Error(`${what} is not zero`);
}

export interface ReadSectionHeader {
  readonly magic: number;
  readonly major: number;
  readonly minor: number;
  readonly sectionLength: bigint;
  readonly options: ReadOption[];
}

export function readSectionHeader(block: RawBlock): ReadSectionHeader {
  if (block.type !== 0x0a0d0d0a) throw new Error(`not an SHB: 0x${block.type.toString(16)}`);
  return {
    magic: block.body.readUInt32LE(0),
    major: block.body.readUInt16LE(4),
    minor: block.body.readUInt16LE(6),
    sectionLength: block.body.readBigInt64LE(8),
    options: readOptions(block.body.subarray(16)),
  };
}

export interface ReadInterface {
  readonly linkType: number;
  readonly reserved: number;
  readonly snapLen: number;
  readonly options: ReadOption[];
}

export function readInterface(block: RawBlock): ReadInterface {
  if (block.type !== 1) throw new Error(`not an IDB: ${block.type}`);
  return {
    linkType: block.body.readUInt16LE(0),
    reserved: block.body.readUInt16LE(2),
    snapLen: block.body.readUInt32LE(4),
    options: readOptions(block.body.subarray(8)),
  };
}

export interface ReadPacket {
  readonly interfaceId: number;
  readonly timestamp: bigint;
  readonly capturedLength: number;
  readonly originalLength: number;
  readonly data: Buffer;
  readonly options: ReadOption[];
}

export function readPacket(block: RawBlock): ReadPacket {
  if (block.type !== 6) throw new Error(`not an EPB: ${block.type}`);
  const capturedLength = block.body.readUInt32LE(12);
  const padded = (capturedLength + 3) & ~3;
  requireZero(block.body.subarray(20 + capturedLength, 20 + padded), "packet padding");
  return {
    interfaceId: block.body.readUInt32LE(0),
    timestamp: (BigInt(block.body.readUInt32LE(4)) << 32n) | BigInt(block.body.readUInt32LE(8)),
    capturedLength,
    originalLength: block.body.readUInt32LE(16),
    data: block.body.subarray(20, 20 + capturedLength),
    options: readOptions(block.body.subarray(20 + padded)),
  };
}

export interface ReadSecrets {
  readonly secretsType: number;
  readonly secrets: Buffer;
  readonly options: ReadOption[];
}

export function readSecrets(block: RawBlock): ReadSecrets {
  if (block.type !== 10) throw new Error(`not a DSB: ${block.type}`);
  const length = block.body.readUInt32LE(4);
  const padded = (length + 3) & ~3;
  requireZero(block.body.subarray(8 + length, 8 + padded), "secrets padding");
  return { secretsType: block.body.readUInt32LE(0), secrets: block.body.subarray(8, 8 + length), options: readOptions(block.body.subarray(8 + padded)) };
}

export interface ReadIp {
  readonly version: 4 | 6;
  readonly protocol: number;
  readonly source: Buffer;
  readonly destination: Buffer;
  /** IPv4 Total Length, or 40 + IPv6 Payload Length. */
  readonly totalLength: number;
  readonly header: Buffer;
  readonly payload: Buffer;
  /** The pseudo-header of RFC 793 §3.1 / RFC 8200 §8.1, for checking UDP and TCP checksums. */
  readonly pseudoHeader: Buffer;
}

export function readIp(packet: Buffer): ReadIp {
  const version = (packet[0] ?? 0) >> 4;
  if (version === 4) {
    const headerLength = ((packet[0] ?? 0) & 0x0f) * 4;
    const totalLength = packet.readUInt16BE(2);
    if (totalLength !== packet.length) throw new Error(`IPv4 Total Length ${totalLength} ≠ ${packet.length} octets`);
    const source = packet.subarray(12, 16);
    const destination = packet.subarray(16, 20);
    const protocol = packet.readUInt8(9);
    const payload = packet.subarray(headerLength);
    const pseudoHeader = Buffer.concat([source, destination, Buffer.from([0, protocol, payload.length >> 8, payload.length & 0xff])]);
    return { version, protocol, source, destination, totalLength, header: packet.subarray(0, headerLength), payload, pseudoHeader };
  }
  if (version === 6) {
    const payloadLength = packet.readUInt16BE(4);
    if (40 + payloadLength !== packet.length) throw new Error(`IPv6 Payload Length ${payloadLength} ≠ ${packet.length - 40}`);
    const protocol = packet.readUInt8(6);
    const source = packet.subarray(8, 24);
    const destination = packet.subarray(24, 40);
    const length = Buffer.alloc(8);
    length.writeUInt32BE(payloadLength, 0);
    length.writeUInt8(protocol, 7);
    return { version, protocol, source, destination, totalLength: packet.length, header: packet.subarray(0, 40), payload: packet.subarray(40), pseudoHeader: Buffer.concat([source, destination, length]) };
  }
  throw new Error(`IP version ${version}`);
}

export interface ReadTcp {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequence: number;
  readonly acknowledgment: number;
  readonly flags: number;
  readonly window: number;
  readonly options: Buffer;
  readonly payload: Buffer;
  /** The checksum verifies (the sum over pseudo-header and segment is 0). */
  readonly checksumOk: boolean;
}

export function readTcp(ip: ReadIp): ReadTcp {
  if (ip.protocol !== 6) throw new Error(`not TCP: ${ip.protocol}`);
  const segment = ip.payload;
  const dataOffset = ((segment[12] ?? 0) >> 4) * 4;
  return {
    sourcePort: segment.readUInt16BE(0),
    destinationPort: segment.readUInt16BE(2),
    sequence: segment.readUInt32BE(4),
    acknowledgment: segment.readUInt32BE(8),
    flags: segment.readUInt8(13),
    window: segment.readUInt16BE(14),
    options: segment.subarray(20, dataOffset),
    payload: segment.subarray(dataOffset),
    checksumOk: internetChecksum(ip.pseudoHeader, segment) === 0,
  };
}

export interface ReadUdp {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly length: number;
  readonly checksum: number;
  readonly payload: Buffer;
  readonly checksumOk: boolean;
}

export function readUdp(ip: ReadIp): ReadUdp {
  if (ip.protocol !== 17) throw new Error(`not UDP: ${ip.protocol}`);
  const datagram = ip.payload;
  return {
    sourcePort: datagram.readUInt16BE(0),
    destinationPort: datagram.readUInt16BE(2),
    length: datagram.readUInt16BE(4),
    checksum: datagram.readUInt16BE(6),
    payload: datagram.subarray(8),
    checksumOk: internetChecksum(ip.pseudoHeader, datagram) === 0,
  };
}

/** The whole file read into its parts, in file order. */
export interface ReadCapture {
  readonly blocks: RawBlock[];
  readonly header: ReadSectionHeader;
  readonly interfaces: ReadInterface[];
  readonly secrets: ReadSecrets[];
  readonly packets: ReadPacket[];
}

export function readCapture(file: Buffer): ReadCapture {
  const blocks = readBlocks(file);
  const [first] = blocks;
  if (first === undefined) throw new Error("empty file");
  return {
    blocks,
    header: readSectionHeader(first),
    interfaces: blocks.filter((block) => block.type === 1).map(readInterface),
    secrets: blocks.filter((block) => block.type === 10).map(readSecrets),
    packets: blocks.filter((block) => block.type === 6).map(readPacket),
  };
}

/** The value of the first option with `code`, as text. */
export function optionText(options: readonly ReadOption[], code: number): string | undefined {
  return options.find((option) => option.code === code)?.value.toString("utf8");
}

/** Octets from hex text with spaces for readability (Buffer.from(…, "hex") stops at the first space). */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/\s+/g, ""), "hex");
}

// --- the reader's own checks, on a hand-made file ---

const handMade = hex(
  [
    // SHB: type, length 28, magic, 1.0, section length -1, total length
    "0a0d0d0a 1c000000 4d3c2b1a 0100 0000 ffffffffffffffff 1c000000",
    // IDB: type 1, length 20, LINKTYPE_RAW, reserved, snaplen 0, total length
    "01000000 14000000 6500 0000 00000000 14000000",
    // EPB: type 6, length 36, interface 0, ts 0:1, 3 octets captured of 3, data padded, total length
    "06000000 24000000 00000000 00000000 01000000 03000000 03000000 aabbcc00 24000000",
  ].join(""),
);

t.test("the reader reads a hand-made file", async (t) => {
  const capture = readCapture(handMade);
  t.same(capture.blocks.map((block) => block.type), [0x0a0d0d0a, 1, 6]);
  t.equal(capture.header.magic, 0x1a2b3c4d);
  t.equal(capture.header.sectionLength, -1n);
  t.equal(capture.interfaces[0]?.linkType, 101);
  t.same(capture.packets[0]?.data, Buffer.from("aabbcc", "hex"));
  t.equal(capture.packets[0]?.timestamp, 1n);
});

t.test("the reader rejects what a writer must not produce", async (t) => {
  const badTrailer = Buffer.from(handMade);
  badTrailer.writeUInt32LE(0x20, 24);
  t.throws(() => readBlocks(badTrailer), /trailing length/);
  const badPadding = Buffer.from(handMade);
  badPadding.writeUInt8(1, handMade.length - 5);
  t.throws(() => readCapture(badPadding), /packet padding is not zero/);
  t.throws(() => readOptions(hex("01000100 41000000")), /without opt_endofopt/);
  t.throws(() => readBlocks(handMade.subarray(0, 30)), /overruns|stray/);
});
