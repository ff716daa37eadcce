import type { LoadedScenario } from "./loaded-scenario.js";
import type { Plan, PlannedStep } from "./plan.js";

/**
 * A plan whose steps that give no `timeout:` of their own wait `timeoutMs` for each connect, handshake and final
 * response (`exum run --timeout`), instead of the default (8s) or the site's `timeout:`. A failover step without
 * `attemptTimeout` takes it per attempt too. Steps that name their own timeout keep it.
 */
export function withStepTimeout(plan: Plan, loaded: LoadedScenario, timeoutMs: number): Plan {
  const steps = plan.steps.map((step): PlannedStep => {
    const written = loaded.scenario.steps[step.index];
    if (written === undefined || ("timeout" in written && written.timeout !== undefined)) return step;
    switch (step.kind) {
      case "options":
      case "call":
      case "certs":
        return { ...step, timeoutMs };
      case "failover": {
        const own = "failover" in written ? written.failover.attemptTimeout : undefined;
        return { ...step, timeoutMs, attemptTimeoutMs: own ?? timeoutMs };
      }
      default:
        return step;
    }
  });
  return { ...plan, steps };
}
