import type { ScenarioResult } from "./run-model.js";
import { worstVerdict, type Verdict } from "./verdict.js";

/**
 * A scenario's verdict: `error` when its set-up or tear-down failed, `skipped` when it was not run, else the worst of
 * its steps' (error ▸ failed ▸ passed; a scenario whose steps were all skipped is skipped).
 */
export function scenarioVerdict(scenario: Pick<ScenarioResult, "error" | "skipReason" | "steps">): Verdict {
  if (scenario.error !== null) return "error";
  if (scenario.skipReason !== null) return "skipped";
  return worstVerdict(scenario.steps.map((step) => step.verdict));
}
