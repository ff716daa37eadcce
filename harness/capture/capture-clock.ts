/** A capture timestamp: microseconds since 1970-01-01 UTC, the unit of a pcapng interface without `if_tsresol`. */
export type CaptureClock = () => bigint;

/**
 * The recorder's default clock: monotonic (`process.hrtime.bigint()`), anchored to `Date.now()` when it is made, so
 * packet times never step backwards with the wall clock yet read as real dates in Wireshark.
 */
export function captureClock(): CaptureClock {
  const anchor = BigInt(Date.now()) * 1000n;
  const start = process.hrtime.bigint();
  return () => anchor + (process.hrtime.bigint() - start) / 1000n;
}
