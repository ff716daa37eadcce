import type { PlannedWait } from "./plan.js";
import type { StepDone, StepRun } from "./step-run.js";

/** Resolves after `ms`, or as soon as `signal` aborts; leaves no timer behind. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** `wait: <duration>`: a pause (stopped early by Ctrl-C or the scenario's deadline). */
export async function runWaitStep(step: PlannedWait, run: StepRun): Promise<StepDone> {
  await pause(step.ms, run.signal);
  return { evidence: { kind: "wait", ms: step.ms }, expectations: [], target: null, persona: null };
}
