import { inputError } from "../errors/harness-error.js";

/** `--expiry-warning-days` of `exum diff` and `exum smoke --baseline`: a whole number of days, 0 to 3650. */
export const EXPIRY_WARNING_DAYS_OPTION = {
  type: "number",
  default: 30,
  describe: "a server certificate with fewer days left than this in run B (and not in run A) is a security regression",
} as const;

/** Checks the flag before anything is read or written (docs/design.md §9): bad input names the flag, exit 2. */
export function checkExpiryWarningDays(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 3650) {
    throw inputError("EXUM_BAD_FLAG", `--expiry-warning-days ${String(value)} is not a whole number of days from 0 to 3650`, {
      field: "--expiry-warning-days",
      hint: "give the days before expiry that count as a regression, e.g. --expiry-warning-days 30",
    });
  }
  return value;
}
