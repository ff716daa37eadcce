/** A measured duration for a reader: `0.4 ms`, `12 ms`, `1.25 s`; `–` when it was not measured. */
export function durationText(ms: number | null): string {
  if (ms === null) return "–";
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** A configured bound for a reader (a timeout, a run's deadline): `5 s` in whole seconds, else `1500 ms`. */
export function limitText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Milliseconds as seconds with three decimals, the way JUnit's `time` attribute writes them (`1.250`). */
export function junitSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
