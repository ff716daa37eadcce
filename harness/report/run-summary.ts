import type { RunSummary, ScenarioResult, VerdictCounts } from "../model/run-result.js";
import { worstVerdict, type Verdict } from "../model/verdict.js";

function count(verdicts: readonly Verdict[]): VerdictCounts {
  const of = (verdict: Verdict) => verdicts.filter((v) => v === verdict).length;
  return { total: verdicts.length, passed: of("passed"), failed: of("failed"), error: of("error"), skipped: of("skipped") };
}

/** The counts a summary line, JUnit's `<testsuite>` attributes and the exit code are made from. */
export function summarizeRun(scenarios: readonly ScenarioResult[]): RunSummary {
  const scenarioVerdicts = scenarios.map((scenario) => scenario.verdict);
  const steps = scenarios.flatMap((scenario) => scenario.steps);
  const expectations = steps.flatMap((step) => step.expectations);
  const met = expectations.filter((expectation) => expectation.met).length;
  return {
    verdict: worstVerdict(scenarioVerdicts),
    scenarios: count(scenarioVerdicts),
    steps: count(steps.map((step) => step.verdict)),
    expectations: { total: expectations.length, met, unmet: expectations.length - met },
  };
}
