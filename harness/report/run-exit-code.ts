import { ExitCode } from "../errors/exit-codes.js";
import type { RunResult } from "../model/run-result.js";

/**
 * The exit code of a run (docs/design.md §1): 130 when interrupted; 3 when any scenario or step hit a harness error (its
 * other verdicts cannot be trusted); 1 when an expectation was not met; 0 when every scenario passed or was skipped.
 * Bad input (2) never gets this far: it stops the run before a report exists.
 */
export function runExitCode(run: Pick<RunResult, "interrupted" | "summary">): ExitCode {
  if (run.interrupted) return ExitCode.Interrupted;
  if (run.summary.scenarios.error > 0 || run.summary.steps.error > 0) return ExitCode.HarnessError;
  if (run.summary.scenarios.failed > 0 || run.summary.steps.failed > 0) return ExitCode.Failed;
  return ExitCode.Ok;
}
