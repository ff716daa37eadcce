/**
 * The frame every pcapng block shares (draft-ietf-opsawg-pcapng §3.1, "General Block Structure"): Block Type,
 * Block Total Length, the body "padded to 32 bits", and the Block Total Length again "to permit backward file
 * navigation". This writer always writes little-endian sections (§3.6.1: "saved according to the characteristics
 * (little-endian / big-endian) of the capturing machine"; the Section Header Block's byte-order magic says which).
 */
export function encodePcapngBlock(type: number, body: Uint8Array): Buffer {
  // §3.1: "the length of a block that does not have a body is 12 octets … This value MUST be a multiple of 4."
  const padded = paddedLength(body.length);
  const total = 12 + padded;
  const block = Buffer.alloc(total); // §3.6.2: "The alignment octets … MUST be filled with zeroes."
  block.writeUInt32LE(type >>> 0, 0);
  block.writeUInt32LE(total, 4);
  block.set(body, 8);
  block.writeUInt32LE(total, total - 4);
  return block;
}

/** `length` rounded up to the next multiple of 4: the "padded to 32 bits" of every pcapng field that says so. */
export function paddedLength(length: number): number {
  return (length + 3) & ~3;
}
