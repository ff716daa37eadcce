/** RFC 3711 §3.3.2: SRTP-WINDOW-SIZE "MUST be at least 64". */
export const SRTP_REPLAY_WINDOW = 64;

/** What the Replay List says about one index: not seen, seen inside the window, or behind the window. */
export type SrtpReplayCheck = "fresh" | "duplicate" | "too-old";

const FULL_MASK = (1n << BigInt(SRTP_REPLAY_WINDOW)) - 1n;

/**
 * The Replay List of one SSRC (SRTP) or one SSRC's SRTCP, as the sliding-window bitmap of RFC 2401.
 *
 * RFC 3711 §3.3.2: "Packet indices which lag behind the packet index in the context by more than SRTP-WINDOW-SIZE
 * can be assumed to have been received ... Only packets with index ahead of the window, or, inside the window but
 * not already received, SHALL be accepted. After the packet has been authenticated (if necessary the window is
 * first moved ahead), the replay list SHALL be updated with the new index."
 *
 * Bit k of `mask` is set when index `highest - k` was accepted.
 */
export class SrtpReplayWindow {
  #highest: number | undefined;
  #mask = 0n;

  /** The highest index accepted so far, undefined before the first. */
  get highest(): number | undefined {
    return this.#highest;
  }

  check(index: number): SrtpReplayCheck {
    if (this.#highest === undefined || index > this.#highest) return "fresh";
    const behind = this.#highest - index;
    if (behind >= SRTP_REPLAY_WINDOW) return "too-old";
    return (this.#mask >> BigInt(behind)) & 1n ? "duplicate" : "fresh";
  }

  /** Records an authenticated index; call only after `check` said "fresh" and the tag verified. */
  accept(index: number): void {
    if (this.#highest === undefined || index > this.#highest) {
      const ahead = this.#highest === undefined ? SRTP_REPLAY_WINDOW : index - this.#highest;
      this.#mask = ahead >= SRTP_REPLAY_WINDOW ? 1n : ((this.#mask << BigInt(ahead)) | 1n) & FULL_MASK;
      this.#highest = index;
    } else if (this.#highest - index < SRTP_REPLAY_WINDOW) {
      this.#mask |= 1n << BigInt(this.#highest - index);
    }
  }
}
