/** The packet index a receiver (or sender) assigns to one RTP sequence number, with the ROC it implies. */
export interface SrtpIndexGuess {
  /** v, the rollover counter of this packet. */
  roc: number;
  /** i = 2^16 * v + SEQ, the 48-bit SRTP packet index (exact in a JS number: 2^48 < 2^53). */
  index: number;
}

/**
 * RFC 3711 §3.3.1: "the receiver SHOULD estimate the index as i = 2^16 * v + SEQ, where v is chosen from the set
 * { ROC-1, ROC, ROC+1 } (modulo 2^32) such that i is closest (in modulo 2^48 sense) to the value 2^16 * ROC + s_l
 * (see Appendix A for pseudocode)." This is Appendix A:
 *
 *     if (s_l < 32768)
 *       if (SEQ - s_l > 32768) set v to (ROC-1) mod 2^32 else set v to ROC
 *     else
 *       if (s_l - 32768 > SEQ) set v to (ROC+1) mod 2^32 else set v to ROC
 *     return SEQ + v*65536
 *
 * The state is kept as the highest authenticated index, 2^16 * ROC + s_l: §3.3.1's update ("If v=(ROC-1) ...
 * no update ... If v=ROC, then s_l is set to SEQ if and only if SEQ is larger than the current s_l ... If
 * v=(ROC+1) mod 2^32, then s_l is set to SEQ and ROC is set to v") is exactly "keep the larger index".
 *
 * @param highestIndex 2^16 * ROC + s_l; undefined before the first packet of the SSRC, when §3.3.1 says "the
 *   receiver SHALL initialize s_l to the RTP sequence number (SEQ) of the first observed SRTP packet" with ROC 0
 * @param seq the packet's 16-bit sequence number
 * @returns the guess, or null when v would be ROC-1 with ROC 0: a sequence number from before the stream started,
 *   which no sender can have protected (§3.3.1: "When the session starts, the sender side MUST set the rollover
 *   counter, ROC, to zero")
 */
export function guessSrtpIndex(highestIndex: number | undefined, seq: number): SrtpIndexGuess | null {
  if (highestIndex === undefined) return { roc: 0, index: seq };
  const roc = Math.floor(highestIndex / 0x10000);
  const sL = highestIndex % 0x10000;
  let v = roc;
  if (sL < 32768) {
    if (seq - sL > 32768) v = roc - 1;
  } else if (sL - 32768 > seq) {
    v = roc + 1;
  }
  if (v < 0 || v > 0xffffffff) return null;
  return { roc: v, index: v * 0x10000 + seq };
}
