import { internalError } from "../errors/harness-error.js";

/**
 * The Internet checksum of IPv4 headers, UDP and TCP: "the 16 bit one's complement of the one's complement sum of
 * all 16 bit words in the header" (RFC 791 §3.1); UDP and TCP sum a pseudo-header first (RFC 768, RFC 793 §3.1,
 * RFC 8200 §8.1). "If a segment contains an odd number of header and text octets to be checksummed, the last
 * octet is padded on the right with zeros" (RFC 793 §3.1).
 *
 * `parts` are summed as if concatenated; every part but the last must have an even length (the pseudo-headers do).
 * A buffer holding its own correct checksum sums to 0.
 */
export function internetChecksum(...parts: readonly Uint8Array[]): number {
  let sum = 0;
  parts.forEach((part, index) => {
    if (part.length % 2 !== 0 && index !== parts.length - 1) {
      throw internalError("EXUM_INTERNAL", `checksum part ${index} has an odd length (${part.length}); only the last part may`);
    }
    const even = part.length & ~1;
    for (let i = 0; i < even; i += 2) sum += ((part[i] ?? 0) << 8) | (part[i + 1] ?? 0);
    if (even !== part.length) sum += (part[even] ?? 0) << 8;
    sum = (sum & 0xffff) + (sum >>> 16); // fold as we go: no overflow however long the part
  });
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
