/**
 * One DER element (ITU-T X.690 §8, with DER's restrictions of §10): its identifier octets split into class, number
 * and constructed bit, its contents, and for a constructed element the elements inside. Read by hand because a
 * certificate's fields are all a summary needs, and node-forge's ASN.1 reader costs every command that loads a
 * certificate about 20 ms of start-up (docs/design.md §10).
 */
export interface DerNode {
  /** X.690 §8.1.2.2: 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number;
  /** The tag number (X.690 §8.1.2.4 high-tag-number form included). */
  readonly tag: number;
  readonly constructed: boolean;
  /** The contents octets. */
  readonly contents: Buffer;
  /** The elements inside a constructed element; empty for a primitive one. */
  readonly children: readonly DerNode[];
}

export const DER_CLASS_CONTEXT = 2;
export const DER_TAG = { BIT_STRING: 3, OCTET_STRING: 4, OID: 6, UTF8_STRING: 12, UTC_TIME: 23, GENERALIZED_TIME: 24, BMP_STRING: 30 } as const;

/** Reads the one element that fills `bytes`. Throws on truncated input, an indefinite length or trailing octets. */
export function readDer(bytes: Uint8Array): DerNode {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [node, end] = readElement(buffer, 0, 0);
  if (end !== buffer.length) throw new Error(`DER: ${buffer.length - end} octet(s) after the element`);
  return node;
}

const MAX_DEPTH = 32;

function readElement(buffer: Buffer, start: number, depth: number): [DerNode, number] {
  if (depth > MAX_DEPTH) throw new Error("DER: nested too deep");
  let offset = start;
  const first = octet(buffer, offset++);
  const tagClass = first >> 6;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    // X.690 §8.1.2.4.2: base-128 tag number, bit 8 set on all but the last octet
    tag = 0;
    let next: number;
    do {
      next = octet(buffer, offset++);
      tag = tag * 128 + (next & 0x7f);
    } while ((next & 0x80) !== 0);
  }
  let length = octet(buffer, offset++);
  if (length === 0x80) throw new Error("DER: indefinite length (X.690 §10.1 forbids it)");
  if (length > 0x80) {
    // X.690 §8.1.3.5: long form, the low 7 bits count the length octets that follow
    const count = length & 0x7f;
    if (count > 4) throw new Error("DER: length too long");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + octet(buffer, offset++);
  }
  const end = offset + length;
  if (end > buffer.length) throw new Error("DER: element runs past the end of the input");
  const contents = buffer.subarray(offset, end);
  const children: DerNode[] = [];
  if (constructed) {
    let at = offset;
    while (at < end) {
      const [child, next] = readElement(buffer.subarray(0, end), at, depth + 1);
      children.push(child);
      at = next;
    }
  }
  return [{ tagClass, tag, constructed, contents, children }, end];
}

function octet(buffer: Buffer, offset: number): number {
  const value = buffer[offset];
  if (value === undefined) throw new Error("DER: truncated");
  return value;
}

/** X.690 §8.19: an OBJECT IDENTIFIER's contents as dotted decimal. */
export function derOid(node: DerNode | undefined): string {
  if (node === undefined || node.contents.length === 0) return "";
  const arcs: number[] = [];
  let value = 0;
  for (const byte of node.contents) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  // §8.19.4: the first subidentifier packs the first two arcs as X*40+Y, X at most 2
  const head = arcs.shift() ?? 0;
  const x = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [x, head - x * 40, ...arcs].join(".");
}

/**
 * RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ (YY ≥ 50 is 19YY) or GeneralizedTime YYYYMMDDHHMMSSZ; an invalid Date
 * for anything else.
 */
export function derTime(node: DerNode): Date {
  const text = node.contents.toString("latin1");
  const match =
    node.tag === DER_TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(text);
  if (match === null) return new Date(NaN);
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const year = node.tag === DER_TAG.UTC_TIME ? ((y ?? 0) >= 50 ? 1900 : 2000) + (y ?? 0) : (y ?? 0);
  return new Date(Date.UTC(year, (mo ?? 1) - 1, d, h, mi, Number.isNaN(s) ? 0 : s));
}

/** A string's contents as text: UTF8String as UTF-8, BMPString as UTF-16BE, the 8-bit string types as Latin-1. */
export function derText(node: DerNode | undefined): string {
  if (node === undefined) return "";
  if (node.tag === DER_TAG.UTF8_STRING) return node.contents.toString("utf8");
  if (node.tag === DER_TAG.BMP_STRING) return Buffer.from(node.contents.subarray(0, node.contents.length & ~1)).swap16().toString("utf16le");
  return node.contents.toString("latin1");
}
