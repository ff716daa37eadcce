import { ExitCode } from "../errors/exit-codes.js";
import { DIFF_CLASSES, isWorse } from "./diff-class.js";
import type { RunDiff } from "./run-diff.js";

/**
 * The exit code of `exum diff` and of the diff in `exum smoke --baseline` (docs/design.md §1 "exum diff"): 1 when
 * anything got worse — a security regression, or a regression (a verdict passed → failed, a new failure code): a gate
 * after a change window must not pass when a check newly fails — else 0 (improvements and neutral changes only).
 */
export function diffExitCode(diff: RunDiff): ExitCode {
  return DIFF_CLASSES.some((diffClass) => isWorse(diffClass) && diff.counts[diffClass] > 0) ? ExitCode.Failed : ExitCode.Ok;
}
