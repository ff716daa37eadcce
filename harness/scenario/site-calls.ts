import { z } from "zod";
import { callDestinationSchema } from "./call-destination.js";
import { durationSchema, timeoutSchema } from "./duration.js";

/** How long a synthetic call stays up when the site file does not say: long enough for media proof (docs/media.md §6). */
export const SITE_CALL_HOLD_MS = 1_000;

const siteCall = z
  .strictObject({
    every: timeoutSchema.describe("How often `exum monitor` places this call (e.g. 15m); bounded by safety.maxCalls per hour"),
    to: callDestinationSchema,
    hold: durationSchema.default(SITE_CALL_HOLD_MS).describe("How long the answered call stays up before our BYE (default 1s: media is measured on calls held 1 s or more); at most safety.maxHold"),
  })
  .describe("A synthetic call exum monitor places: { every: 15m, to: voicemail:alice }");

/**
 * The synthetic calls of `exum monitor` (docs/design.md §1): none unless written, so a monitor sends nothing but OPTIONS
 * (and the TLS handshakes of its certificate checks) to a site that does not ask for calls.
 */
export const siteCallsSchema = z
  .union([siteCall, z.array(siteCall)])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .default([])
  .describe("Synthetic calls for exum monitor: one { every, to, hold? } or a list (default: none, OPTIONS only)");

export type SiteCall = z.output<typeof siteCall>;
