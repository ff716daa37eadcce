import type { MediaTimeline } from "../model/media-evidence.js";

/** The width of one bin of the packet plot. */
export const TIMELINE_BIN_MS = 250;
/** At most this many bins (10 minutes at 250 ms): a long hold keeps its counts, not its plot. */
const MAX_BINS = 2400;

/** Packets per 250 ms, per direction, from the start of the media. */
export class TimelineCounter {
  readonly #sent: number[] = [];
  readonly #received: number[] = [];

  sent(atMs: number): void {
    TimelineCounter.#add(this.#sent, atMs);
  }

  received(atMs: number): void {
    TimelineCounter.#add(this.#received, atMs);
  }

  static #add(bins: number[], atMs: number): void {
    const bin = Math.floor(Math.max(0, atMs) / TIMELINE_BIN_MS);
    if (bin >= MAX_BINS) return;
    while (bins.length <= bin) bins.push(0);
    bins[bin] = (bins[bin] ?? 0) + 1;
  }

  /** Both series, padded to the same length (the call's duration). */
  timeline(durationMs: number): MediaTimeline {
    const length = Math.min(MAX_BINS, Math.max(this.#sent.length, this.#received.length, Math.ceil(durationMs / TIMELINE_BIN_MS)));
    const pad = (bins: number[]) => Array.from({ length }, (_, i) => bins[i] ?? 0);
    return { binMs: TIMELINE_BIN_MS, sent: pad(this.#sent), received: pad(this.#received) };
  }
}
