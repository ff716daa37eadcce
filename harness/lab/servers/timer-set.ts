/**
 * The lab's pending timers (slow answers, mid-call BYEs and drops, held answers): all cleared when the lab closes,
 * so a closed lab leaves nothing scheduled (docs/style.md habit 12).
 */
export class TimerSet {
  readonly #timers = new Map<NodeJS.Timeout, (() => void) | undefined>();
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Runs `task` after `ms`; `onCancel` runs instead if the set is closed first. Returns the function that cancels it
   * (without running either). After close, `onCancel` runs at once and `task` never.
   */
  schedule(ms: number, task: () => void, onCancel?: () => void): () => void {
    if (this.#closed) {
      onCancel?.();
      return () => undefined;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      try {
        task();
      } catch {
        // a timed act's failure is its own
      }
    }, Math.max(0, ms));
    this.#timers.set(timer, onCancel);
    return () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  /** Cancels everything pending (running each `onCancel`); later schedules cancel at once. */
  close(): void {
    this.#closed = true;
    for (const [timer, onCancel] of [...this.#timers]) {
      clearTimeout(timer);
      this.#timers.delete(timer);
      try {
        onCancel?.();
      } catch {
        // as above
      }
    }
  }
}
