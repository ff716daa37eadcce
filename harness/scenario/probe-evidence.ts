import type { ProbeEvidence } from "../report/step-evidence.js";
import type { ProbeResult } from "../sip/probe-result.js";
import type { StepEnvironment } from "./step-environment.js";

/**
 * A probe's result as the run model's evidence, as it was seen (harness/sip ProbeResult is the model's ProbeEvidence
 * field for field: evidence-compat.test.ts), with each hop placed: the role and server the runner recognised at the
 * address and port it reached (the redirect chain by role).
 */
export function probeEvidence(result: ProbeResult, env: StepEnvironment): ProbeEvidence {
  return { ...result, hops: result.hops.map((hop) => ({ ...hop, ...env.placeOf(hop) })) };
}
