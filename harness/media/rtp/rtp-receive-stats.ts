/** RFC 3550 receiver statistics for one source, as they stand. */
export interface RtpReceiveStatsSnapshot {
  readonly received: number;
  /** The extended highest sequence number received (RFC 3550 §6.4.1), or null before the first packet. */
  readonly extendedHighest: number | null;
  /** RFC 3550 §6.4.1: "the total number of RTP data packets … lost since the beginning of reception" (≥ 0 here). */
  readonly lost: number;
  /** Interarrival jitter in timestamp units (RFC 3550 §6.4.1, A.8). */
  readonly jitter: number;
}

/**
 * Sequence and jitter bookkeeping for one RTP source (RFC 3550 Appendix A.1, A.3, A.8), fed with packets that already
 * passed authentication. Duplicates are not counted twice towards loss; a sequence jump beyond 3000 (A.1's
 * MAX_DROPOUT) starts the count again, as a restarted sender would.
 */
export class RtpReceiveStats {
  #base: number | null = null;
  #cycles = 0;
  #maxSeq = 0;
  #received = 0;
  #transit: number | null = null;
  #jitter = 0;
  readonly #clockRate: number;

  constructor(clockRate = 8000) {
    this.#clockRate = clockRate;
  }

  /** Records one packet: its sequence, its RTP timestamp and its arrival time in ms. */
  push(sequence: number, timestamp: number, arrivalMs: number): void {
    this.#received++;
    if (this.#base === null) {
      this.#base = sequence;
      this.#maxSeq = sequence;
    } else {
      const delta = (sequence - this.#maxSeq) & 0xffff;
      if (delta > 0 && delta < 3000) {
        // A.1: in order, with permissible gap; a wrap of the 16-bit number counts one more cycle.
        if (sequence < this.#maxSeq) this.#cycles += 0x10000;
        this.#maxSeq = sequence;
      } else if (delta >= 3000 && delta <= 0xffff - 100) {
        // A.1: a very large jump: the source restarted its numbering.
        this.#base = sequence;
        this.#maxSeq = sequence;
        this.#cycles = 0;
        this.#received = 1;
      }
      // Otherwise a duplicate or a reordered packet: counted as received, no change to the highest.
    }
    // A.8: D(i-1,i) = (Rj - Ri) - (Sj - Si); J += (|D| - J) / 16, in timestamp units.
    const arrival = (arrivalMs * this.#clockRate) / 1000;
    const transit = arrival - timestamp;
    if (this.#transit !== null) {
      let d = transit - this.#transit;
      if (d < 0) d = -d;
      // A timestamp wrap shows as a huge transit step; it is not jitter.
      if (d < 2 ** 31) this.#jitter += (d - this.#jitter) / 16;
    }
    this.#transit = transit;
  }

  snapshot(): RtpReceiveStatsSnapshot {
    if (this.#base === null) return { received: 0, extendedHighest: null, lost: 0, jitter: 0 };
    const extendedHighest = this.#cycles + this.#maxSeq;
    // A.3: expected = extended max - base + 1; lost = expected - received (duplicates can make it negative).
    const expected = extendedHighest - this.#base + 1;
    return { received: this.#received, extendedHighest, lost: Math.max(0, expected - this.#received), jitter: this.#jitter };
  }

  /** The jitter in ms. */
  jitterMs(): number {
    return (this.#jitter * 1000) / this.#clockRate;
  }
}
