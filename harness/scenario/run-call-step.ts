import { probeCall } from "../sip/call-probe.js";
import { checkProbeExpect } from "./check-probe-expect.js";
import { firstHopTarget } from "./first-hop-target.js";
import type { PlannedCall } from "./plan.js";
import { probeEvidence } from "./probe-evidence.js";
import { needsNewConnection, probeOptionsFor, stepTarget, type StepDone, type StepRun } from "./step-run.js";

/**
 * `call: { to, … }`: one INVITE with the offer the step's EncryptionLevel or SRTPMode asks for (docs/protocol.md §2),
 * sent to the first hop and following the redirect chain (§1), with the Request-URI and headers of its destination
 * (§8: a voice-mail call carries `Diversion`, a pilot none); ACK, BYE after the hold.
 */
export async function runCallStep(step: PlannedCall, run: StepRun): Promise<StepDone> {
  const port = run.env.portOf(step.via);
  const target = firstHopTarget(step.call.requestUri, step.via, port);
  const connections = run.connections !== undefined && !needsNewConnection(step.expect) ? { connections: run.connections } : {};
  const result = await probeCall(target, {
    ...(await probeOptionsFor(run, step.persona, step.timeoutMs, step.path)),
    ...connections,
    policy: step.call.media.policy,
    holdMs: step.call.holdMs,
    extraHeaders: [...step.call.headers],
    dtmf: step.call.dtmf,
    srtpMki: step.call.srtpMki,
    offer: step.call.offer,
  });
  const evidence = probeEvidence(result, run.env);
  return {
    evidence,
    expectations: checkProbeExpect(`${step.path}.expect`, step.expect, step.refs, evidence),
    target: stepTarget(step.via, port, target.uri, step.call.to),
    persona: step.persona.persona,
  };
}
