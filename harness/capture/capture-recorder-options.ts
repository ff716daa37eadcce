import { internalError } from "../errors/harness-error.js";
import { captureClock, type CaptureClock } from "./capture-clock.js";

export interface CaptureRecorderOptions {
  /** Packet timestamps, in microseconds since 1970-01-01 UTC; tests pass a fake. @defaultValue {@link captureClock}() */
  readonly now?: CaptureClock;
  /**
   * The most octets of packet and key log blocks kept in memory. Past it the recorder records nothing more, says so
   * in a comment on the Section Header Block, and reports `truncated()`. The file is this plus its header blocks
   * (well under 1 KiB). @defaultValue 64 MiB
   */
  readonly maxBytes?: number;
}

export const CAPTURE_RECORDER_DEFAULTS: Readonly<Omit<Required<CaptureRecorderOptions>, "now">> = {
  maxBytes: 64 * 1024 * 1024,
};

/** The options merged over the defaults, checked once. */
export function resolveCaptureRecorderOptions(options: CaptureRecorderOptions = {}): Required<CaptureRecorderOptions> {
  const maxBytes = options.maxBytes ?? CAPTURE_RECORDER_DEFAULTS.maxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw internalError("EXUM_INTERNAL", `capture maxBytes must be a whole number of octets ≥ 0, not ${maxBytes}`, {
      field: "maxBytes",
      hint: "leave it out for the 64 MiB default",
    });
  }
  return { now: options.now ?? captureClock(), maxBytes };
}
