import { stopwatch } from "../model/clock.js";
import type { FailoverAttemptEvidence, FailoverEvidence, ProbeEvidence } from "../model/step-evidence.js";
import { probeCall } from "../sip/call-probe.js";
import { checkFailoverExpect } from "./check-failover-expect.js";
import { firstHopTarget } from "./first-hop-target.js";
import type { PlannedFailover } from "./plan.js";
import { probeEvidence } from "./probe-evidence.js";
import { probeOptionsFor, stepTarget, type StepDone, type StepRun } from "./step-run.js";

/** Milliseconds from a call probe's start to the 2xx of its INVITE, from the trace. */
function answeredAtMs(evidence: ProbeEvidence): number {
  const answer = evidence.trace.find((entry) => entry.direction === "received" && /^SIP\/2\.0 2\d\d/.test(entry.firstLine) && /INVITE/i.test(entry.cseq ?? ""));
  return answer?.atMs ?? evidence.durationMs;
}

function why(attempt: FailoverAttemptEvidence): string {
  const evidence = attempt.evidence;
  const status = evidence.status === null ? "" : `${evidence.status} `;
  return `${attempt.server} (${status}${evidence.failure?.code ?? evidence.outcome})`;
}

/**
 * `failover: { servers, call }`: the call tried on each server in turn. docs/protocol.md §7, MS-EUMR: "the proxy orders
 * the UM servers …, routes the INVITE to the first, and on any failure response or timer expiry moves to the next;
 * when all have been tried it ends the call with 480". The timer is `attemptTimeout` (each connect, handshake and
 * final response of an attempt); an answered call whose media failed is a failure response too. The evidence says who
 * served and how long failover took: from the first INVITE to the answer of the server that served.
 */
export async function runFailoverStep(step: PlannedFailover, run: StepRun): Promise<StepDone> {
  const options = await probeOptionsFor(run, step.persona, step.attemptTimeoutMs, step.path);
  const elapsed = stopwatch(run.clock);
  const attempts: FailoverAttemptEvidence[] = [];
  let servedBy: string | null = null;
  let failoverMs: number | null = null;
  for (const server of step.servers) {
    if (run.signal.aborted) break;
    const attemptStart = elapsed();
    const target = firstHopTarget(step.call.requestUri, server, run.env.portOf(server));
    const result = await probeCall(target, { ...options, policy: step.call.media.policy, holdMs: step.call.holdMs, extraHeaders: [...step.call.headers], dtmf: step.call.dtmf, srtpMki: step.call.srtpMki, offer: step.call.offer });
    const evidence = probeEvidence(result, run.env);
    attempts.push({ server: server.fqdn, role: server.role, evidence });
    if (evidence.outcome === "answered") {
      servedBy = server.fqdn;
      failoverMs = Math.round((attemptStart + answeredAtMs(evidence)) * 1000) / 1000;
      break;
    }
  }
  const exhausted = servedBy === null && attempts.length === step.servers.length;
  const evidence: FailoverEvidence = {
    kind: "failover",
    attempts,
    servedBy,
    failoverMs,
    failure: exhausted ? { code: "all-servers-failed", message: `every server was tried and none answered: ${attempts.map(why).join(", ")}` } : null,
    durationMs: elapsed(),
  };
  const first = step.servers[0];
  return {
    evidence,
    expectations: checkFailoverExpect(`${step.path}.expect`, step.expect, step.refs, evidence),
    target: first === undefined ? null : stepTarget(first, run.env.portOf(first), null, step.call.to),
    persona: step.persona.persona,
  };
}
