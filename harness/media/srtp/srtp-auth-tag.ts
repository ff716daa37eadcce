import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The HMAC-SHA1 authentication tag of one packet.
 *
 * RFC 3711 §4.2: "In the case of SRTP, M SHALL consist of the Authenticated Portion of the packet (as specified
 * in Figure 1) concatenated with the ROC, M = Authenticated Portion || ROC; in the case of SRTCP, M SHALL consist
 * of the Authenticated Portion (as specified in Figure 2) only." §4.2.1: "the HMAC SHALL be applied to the session
 * authentication key and M ... The HMAC output SHALL then be truncated to the n_tag left-most bits."
 *
 * @param authKey the 20-byte session authentication key k_a
 * @param authenticated the Authenticated Portion (RTP header + Encrypted Portion; for SRTCP up to the index)
 * @param roc the rollover counter, appended as 32 bits big-endian for SRTP; null for SRTCP
 * @param tagLength n_tag in bytes (10 or 4)
 */
export function srtpAuthTag(authKey: Buffer, authenticated: Buffer, roc: number | null, tagLength: number): Buffer {
  const hmac = createHmac("sha1", authKey).update(authenticated);
  if (roc !== null) {
    const rocBytes = Buffer.alloc(4);
    rocBytes.writeUInt32BE(roc >>> 0);
    hmac.update(rocBytes);
  }
  return hmac.digest().subarray(0, tagLength);
}

/**
 * Compares a received tag with the expected one in constant time, so that the time taken does not tell a forger
 * how many leading bytes were right (`crypto.timingSafeEqual`). Tags of different lengths never match.
 */
export function srtpTagMatches(received: Buffer, expected: Buffer): boolean {
  return received.length === expected.length && timingSafeEqual(received, expected);
}
