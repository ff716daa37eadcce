import type { ProbeResult } from "../model/probe-result.js";
import type { StepEnvironment } from "./step-environment.js";

/**
 * A probe's result (options or call) as the run model's evidence, as it was seen, with each hop placed: the role and server the runner recognised at the
 * address and port it reached (the redirect chain by role).
 */
export function probeEvidence<R extends ProbeResult>(result: R, env: StepEnvironment): R {
  return { ...result, hops: result.hops.map((hop) => ({ ...hop, ...env.placeOf(hop) })) };
}
