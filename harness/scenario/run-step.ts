import { stopwatch } from "../model/clock.js";
import type { RunError, StepResult } from "../model/run-result.js";
import { stepVerdict } from "../model/verdict.js";
import type { PlannedStep } from "./plan.js";
import { runCallStep } from "./run-call-step.js";
import { runCertsStep } from "./run-certs-step.js";
import { runErrorOf } from "./run-error.js";
import { runFailoverStep } from "./run-failover-step.js";
import { runLabStep } from "./run-lab-step.js";
import { runOptionsStep } from "./run-options-step.js";
import { runWaitStep } from "./run-wait-step.js";
import type { StepDone, StepRun } from "./step-run.js";

function dispatch(step: PlannedStep, run: StepRun): Promise<StepDone> {
  switch (step.kind) {
    case "options":
      return runOptionsStep(step, run);
    case "call":
      return runCallStep(step, run);
    case "certs":
      return runCertsStep(step, run);
    case "lab":
      return runLabStep(step, run);
    case "failover":
      return runFailoverStep(step, run);
    case "wait":
      return runWaitStep(step, run);
  }
}

/** The persona a step plays, for reports (lab and wait steps play none). */
function personaOf(step: PlannedStep): string | null {
  return "persona" in step ? step.persona.persona : null;
}

/**
 * Runs one step and judges it: `passed` when every expectation is met, `failed` when one is not, `error` when the
 * harness could not run it (the thrown error's stable code: a lab change refused, an identity that does not load, a
 * bug). A peer's misbehaviour never throws: it is evidence, judged by the expectations.
 */
export async function runStep(step: PlannedStep, run: StepRun): Promise<StepResult> {
  const startedAt = run.clock.now().toISOString();
  const elapsed = stopwatch(run.clock);
  const base = { index: step.index, path: step.path, name: step.name, kind: step.kind, startedAt };
  try {
    const done = await dispatch(step, run);
    return { ...base, persona: done.persona, target: done.target, durationMs: elapsed(), evidence: done.evidence, expectations: done.expectations, verdict: stepVerdict(done.expectations, null), error: null };
  } catch (error) {
    run.env.logger.error({ step: step.path, err: error }, "step failed with a harness error");
    return erroredStep(step, runErrorOf(error), { startedAt, durationMs: elapsed() });
  }
}

/** A step that did not run (an earlier harness error, Ctrl-C, the deadline): verdict `skipped`. */
export function skippedStep(step: PlannedStep): StepResult {
  return { index: step.index, path: step.path, name: step.name, kind: step.kind, persona: personaOf(step), target: null, startedAt: null, durationMs: 0, evidence: null, expectations: [], verdict: "skipped", error: null };
}

/** A step that ended with a harness error. */
export function erroredStep(step: PlannedStep, error: RunError, timing: { startedAt: string | null; durationMs: number }, result?: StepResult): StepResult {
  return {
    index: step.index,
    path: step.path,
    name: step.name,
    kind: step.kind,
    persona: result?.persona ?? personaOf(step),
    target: result?.target ?? null,
    startedAt: timing.startedAt,
    durationMs: timing.durationMs,
    evidence: result?.evidence ?? null,
    expectations: [],
    verdict: "error",
    error,
  };
}
