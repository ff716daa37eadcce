import { inputError } from "../errors/harness-error.js";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * A duration flag of `exum monitor` (`--interval 15s`, `--cert-every 1h`, `--for 20s`): a number with ms, s, m or h,
 * as the site file's durations (harness/scenario duration.ts) plus hours; a bare number is seconds, as `--timeout`.
 * Bad input names the flag (exit 2).
 */
export function durationFlag(flag: string, text: string | undefined, options: { readonly minMs: number; readonly maxMs: number }): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(String(text).trim());
  const ms = match === null ? Number.NaN : Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? "s") as keyof typeof UNIT_MS]);
  if (Number.isNaN(ms)) throw inputError("EXUM_BAD_FLAG", `${flag} ${text} is not a duration`, { field: flag, hint: `write a number with a unit: 500ms, 15s, 15m, 1h (e.g. ${flag} 60s)` });
  if (ms < options.minMs || ms > options.maxMs) {
    throw inputError("EXUM_BAD_FLAG", `${flag} ${text} is out of range: ${options.minMs} ms to ${options.maxMs / 3_600_000} h`, { field: flag, hint: `e.g. ${flag} 60s` });
  }
  return ms;
}
