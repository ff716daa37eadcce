import { probeOptions } from "../sip/options-probe.js";
import { checkProbeExpect } from "./check-probe-expect.js";
import { firstHopTarget } from "./first-hop-target.js";
import type { PlannedOptions } from "./plan.js";
import { probeEvidence } from "./probe-evidence.js";
import { needsNewConnection, probeOptionsFor, stepTarget, type StepDone, type StepRun } from "./step-run.js";

/**
 * `options: <target>`: one OPTIONS (docs/protocol.md §6), on a connection the scenario kept to that next hop or a new
 * one, its evidence and expectations.
 */
export async function runOptionsStep(step: PlannedOptions, run: StepRun): Promise<StepDone> {
  const port = run.env.portOf(step.endpoint);
  const target = firstHopTarget(step.requestUri, step.endpoint, port);
  const versions = step.tlsVersions;
  const connections = run.connections !== undefined && !needsNewConnection(step.expect) ? { connections: run.connections } : {};
  const result = await probeOptions(target, {
    ...(await probeOptionsFor(run, step.persona, step.timeoutMs, step.path)),
    ...(versions?.min === undefined ? {} : { minTlsVersion: versions.min }),
    ...(versions?.max === undefined ? {} : { maxTlsVersion: versions.max }),
    ...connections,
  });
  const evidence = probeEvidence(result, run.env);
  return {
    evidence,
    expectations: checkProbeExpect(`${step.path}.expect`, step.expect, null, evidence),
    target: stepTarget(step.endpoint, port, target.uri),
    persona: step.persona.persona,
  };
}
