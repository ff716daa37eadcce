import { randomFillSync } from "node:crypto";

/** Bytes drawn from node:crypto at a time: one call into OpenSSL per 4 KiB instead of one per tag. */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * `bytes` random bytes from node:crypto's CSPRNG as lower-case hex, for tags and branches (RFC 3261 §19.3: a tag
 * "MUST be globally unique and cryptographically random with at least 32 bits of randomness"). Same randomness as
 * `randomBytes(bytes).toString("hex")`; each byte is used once.
 */
export function randomHex(bytes: number): string {
  if (bytes > POOL_BYTES) return randomFillSync(Buffer.alloc(bytes)).toString("hex");
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const hex = pool.toString("hex", used, used + bytes);
  used += bytes;
  return hex;
}
