import { z } from "zod";

/** The longest duration a scenario may write: one hour. */
export const MAX_DURATION_MS = 3_600_000;

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;

/** `"1.5s"` → 1500; undefined for text that is not `<number><ms|s|m>`. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2] as keyof typeof UNIT_MS;
  return Math.round(Number(match[1]) * UNIT_MS[unit]);
}

/**
 * A duration in a scenario or site file: a number is milliseconds (`wait: 2000`), a string carries its unit
 * (`wait: 2s`, `timeout: 500ms`, `maxDuration: 2m`). Always milliseconds once parsed.
 */
export const durationSchema = z
  .union([
    z.number().int().min(0).max(MAX_DURATION_MS),
    z
      .string()
      .trim()
      .regex(DURATION, { message: 'expected a duration such as 500ms, 2s or 1m (a bare number is milliseconds)' })
      .transform((text) => parseDuration(text) ?? 0)
      .pipe(z.number().max(MAX_DURATION_MS, { message: "at most one hour (1h = 60m)" })),
  ])
  .describe("Milliseconds, or a number with a unit: 500ms, 2s, 1m")
  .meta({ id: "duration" });

/** A bound to wait for (a timeout, a run's maximum duration): a duration above zero, since 0 waits for nothing. */
export const timeoutSchema = durationSchema
  .refine((ms) => ms > 0, { message: "a timeout of 0 waits for nothing: give at least 1ms (e.g. 500ms, 5s)" })
  .describe("Milliseconds above zero, or a number with a unit: 500ms, 2s, 1m");
