/**
 * A TCP initial sequence number from a seed (FNV-1a, 32 bits). RFC 793 §3.3 has real stacks pick ISNs from a clock;
 * a synthesized capture only needs different flows to differ, and the same run to give the same numbers (golden
 * tests), so the recorder seeds it with the flow's index and endpoints.
 */
export function initialSequenceNumber(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
