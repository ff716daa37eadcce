import { limitText } from "../model/duration-text.js";
import type { RunError } from "../model/run-result.js";

/** Why a scenario stops before its last step: Ctrl-C, or a harness error (its own, a deadline's). */
export type ScenarioStop = { readonly kind: "interrupted" } | { readonly kind: "error"; readonly error: RunError };

/** The signals a scenario runs under and what each means when it fires. */
export interface ScenarioSignals {
  /** Ctrl-C. */
  readonly interrupt: AbortSignal;
  /** The run's maximum duration (a site's `safety.maxDuration`). */
  readonly runDeadline: AbortSignal;
  readonly runDeadlineMs: number | null;
}


/** Why the scenario must stop now, or null: Ctrl-C first, then the run's deadline, then the scenario's `timeout:`. */
export function scenarioStop(signals: ScenarioSignals, deadline: AbortSignal, timeoutMs: number): ScenarioStop | null {
  if (signals.interrupt.aborted) return { kind: "interrupted" };
  if (signals.runDeadline.aborted) {
    const limit = signals.runDeadlineMs === null ? "" : ` (${limitText(signals.runDeadlineMs)})`;
    return {
      kind: "error",
      error: { code: "EXUM_RUN_DEADLINE", message: `the run reached its maximum duration${limit}`, hint: "raise safety.maxDuration in the site file, or run fewer scenarios (--tag, --grep, --shard)" },
    };
  }
  if (deadline.aborted) {
    return {
      kind: "error",
      error: { code: "EXUM_SCENARIO_TIMEOUT", message: `the scenario did not finish within its timeout (${limitText(timeoutMs)})`, hint: "raise the scenario's timeout:, or shorten its steps' timeouts and holds" },
    };
  }
  return null;
}
