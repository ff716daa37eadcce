import { inputError } from "../errors/harness-error.js";

/**
 * Checks `--timeout <seconds>` (every command that has one): a positive, finite number. yargs turns text that is not a
 * number into NaN, so that case says what was expected rather than showing "NaN".
 */
export function checkTimeoutFlag(seconds: number | undefined): void {
  if (seconds === undefined) return;
  if (Number.isNaN(seconds)) throw inputError("EXUM_BAD_FLAG", "--timeout takes a number of seconds", { field: "--timeout", hint: "e.g. --timeout 5" });
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw inputError("EXUM_BAD_FLAG", `--timeout ${seconds} is not a positive number of seconds`, { field: "--timeout", hint: "e.g. --timeout 5" });
  }
}
