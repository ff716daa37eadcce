import type { Plan } from "./plan.js";

/**
 * The time a scenario must spend in real time whatever the machine: its calls' holds (media flows at 20 ms a packet,
 * docs/media.md §1) and its waits. What a run with several jobs starts first (docs/design.md §10): the longest
 * first, so that a long scenario does not begin last and hold the run open while the other lanes are idle.
 */
export function realTimeMs(plan: Plan): number {
  let ms = 0;
  for (const step of plan.steps) {
    if (step.kind === "call" || step.kind === "failover") ms += step.call.holdMs;
    else if (step.kind === "wait") ms += step.ms;
  }
  return ms;
}

/** Plan indexes, the longest real time first; equal ones keep their order (a stable sort). */
export function longestFirst(plans: readonly Plan[]): number[] {
  const times = plans.map(realTimeMs);
  return plans.map((_, index) => index).sort((a, b) => (times[b] ?? 0) - (times[a] ?? 0));
}
