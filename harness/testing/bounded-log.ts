/** @defaultValue 64 KiB of text: enough for a peer's start-up and a few calls, small enough for a failure message. */
export const DEFAULT_LOG_LIMIT = 64 * 1024;

interface LogWaiter {
  readonly pattern: RegExp;
  readonly from: number;
  readonly resolve: (match: RegExpExecArray) => void;
}

/**
 * The last `limit` characters a peer wrote (stdout and stderr interleaved), with absolute offsets so a caller
 * can wait for a line that appears *after* some action: take {@link BoundedLog.offset} first, act, then
 * {@link BoundedLog.waitFor} from that offset. A lone `\r` (baresip's status line) becomes `\n`.
 */
export class BoundedLog {
  readonly #limit: number;
  #text = "";
  /** Characters ever appended; the retained text starts at `#total - #text.length`. */
  #total = 0;
  #waiters: LogWaiter[] = [];

  constructor(limit: number = DEFAULT_LOG_LIMIT) {
    this.#limit = limit;
  }

  /** Absolute offset of the end of the log: what {@link waitFor} takes as `from`. */
  get offset(): number {
    return this.#total;
  }

  /** How much of the start was dropped to stay under the limit. */
  get dropped(): number {
    return this.#total - this.#text.length;
  }

  append(chunk: string): void {
    const text = chunk.replace(/\r(?!\n)/g, "\n");
    this.#text += text;
    this.#total += text.length;
    if (this.#text.length > this.#limit) this.#text = this.#text.slice(this.#text.length - this.#limit);
    this.#waiters = this.#waiters.filter((waiter) => !this.#settle(waiter));
  }

  /** The retained text, from absolute offset `from` (clamped to what is retained). */
  text(from = 0): string {
    return this.#text.slice(Math.max(0, from - this.dropped));
  }

  /** The last `chars` characters, for a failure message. */
  tail(chars = 4096): string {
    return this.#text.length <= chars ? this.#text : `…${this.#text.slice(this.#text.length - chars)}`;
  }

  /** The first match of `pattern` at or after `from`, now or when it is appended; `cancel` stops waiting. */
  waitFor(pattern: RegExp, from = 0): { readonly match: Promise<RegExpExecArray>; cancel(): void } {
    const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
    let waiter: LogWaiter | undefined;
    const match = new Promise<RegExpExecArray>((resolve) => {
      waiter = { pattern: once, from, resolve };
      if (!this.#settle(waiter)) this.#waiters.push(waiter);
    });
    return {
      match,
      cancel: () => {
        this.#waiters = this.#waiters.filter((other) => other !== waiter);
      },
    };
  }

  #settle(waiter: LogWaiter): boolean {
    const found = waiter.pattern.exec(this.text(waiter.from));
    if (found === null) return false;
    waiter.resolve(found);
    return true;
  }
}
