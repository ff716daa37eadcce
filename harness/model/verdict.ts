/**
 * The verdict of an expectation set, a step, a scenario or a run (docs/design.md §1 exit codes, §7 JUnit):
 * - `passed`: it ran and every expectation was met;
 * - `failed`: it ran and an expectation was not met (JUnit `<failure>`, exit 1);
 * - `error`: the harness or its infrastructure failed, so nothing can be concluded (JUnit `<error>`, exit 3);
 * - `skipped`: it was not run (a lab-only scenario against a site, a step after an error, an interrupted run).
 *
 * A peer's misbehaviour is never `error` (docs/design.md §9): it is evidence, and an unmet expectation makes it `failed`.
 * Combining verdicts keeps the worst: error ▸ failed ▸ passed ▸ skipped.
 */
export type Verdict = "passed" | "failed" | "error" | "skipped";

export const VERDICTS: readonly Verdict[] = ["passed", "failed", "error", "skipped"];

const RANK: Record<Verdict, number> = { skipped: 0, passed: 1, failed: 2, error: 3 };

/** The worst of several verdicts (error ▸ failed ▸ passed ▸ skipped); `skipped` for none. */
export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = "skipped";
  for (const verdict of verdicts) if (RANK[verdict] > RANK[worst]) worst = verdict;
  return worst;
}

/** A step's verdict from what happened: a harness error, else any unmet expectation fails it. */
export function stepVerdict(expectations: readonly { readonly met: boolean }[], error: unknown | null): Verdict {
  if (error !== null && error !== undefined) return "error";
  return expectations.every((expectation) => expectation.met) ? "passed" : "failed";
}

/**
 * A scenario's verdict, the one rule for the runner and every reporter: `error` when its set-up or tear-down failed;
 * else the worst of its steps'. A scenario that was skipped or interrupted (`skipReason`) is `skipped` unless a step
 * that ran before the stop failed or erred: what failed before Ctrl-C still counts, the rest was not run to its end.
 */
export function scenarioVerdict(scenario: {
  readonly error: unknown | null;
  readonly skipReason: string | null;
  readonly steps: readonly { readonly verdict: Verdict }[];
}): Verdict {
  if (scenario.error !== null && scenario.error !== undefined) return "error";
  const steps = worstVerdict(scenario.steps.map((step) => step.verdict));
  if (scenario.skipReason !== null && steps !== "failed" && steps !== "error") return "skipped";
  return steps;
}
