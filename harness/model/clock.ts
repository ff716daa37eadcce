import { performance } from "node:perf_hooks";

/**
 * Where the harness reads time: the wall clock for the times the run model records (ISO 8601) and a monotonic clock
 * for durations. Injected (RunOptions.clock, ProbeOptions.clock, MatrixRunOptions.clock) so a test can make the
 * times of a run what it wants instead of scrubbing them afterwards.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds on a monotonic clock (performance.now()): only differences mean anything. */
  monotonicMs(): number;
}

/** The machine's clocks. */
export const SYSTEM_CLOCK: Clock = { now: () => new Date(), monotonicMs: () => performance.now() };

/** Starts a stopwatch: each call gives the milliseconds since it started, to the microsecond. */
export function stopwatch(clock: Clock = SYSTEM_CLOCK): () => number {
  const started = clock.monotonicMs();
  return () => Math.round((clock.monotonicMs() - started) * 1000) / 1000;
}

/** A clock for tests: starts at `start` and moves `stepMs` forward on every reading of either clock. */
export function steppingClock(start: Date, stepMs = 1): Clock {
  let elapsed = 0;
  const tick = () => {
    const at = elapsed;
    elapsed += stepMs;
    return at;
  };
  return { now: () => new Date(start.getTime() + tick()), monotonicMs: tick };
}
