import type { ExpectationResult } from "../model/run-result.js";
import type { FailoverEvidence, ProbeEvidence } from "../model/step-evidence.js";
import { checkPlaces, checkTimings, hopTimings, placeMatches, placeText } from "./check-common-expect.js";
import { checkProbeExpect } from "./check-probe-expect.js";
import { equalExpectation, expectation } from "./expectation.js";
import type { ExpectedRefs } from "./plan.js";
import type { FailoverExpect } from "./step-expectations.js";

/** The attempt a failover step is judged by: the one that answered, else the last one tried. */
export function decisiveAttempt(evidence: FailoverEvidence): FailoverEvidence["attempts"][number] | null {
  return evidence.attempts.find((attempt) => attempt.server === evidence.servedBy) ?? evidence.attempts.at(-1) ?? null;
}

/**
 * The expectations of a `failover` step (docs/protocol.md §7, MS-EUMR). `outcome`, `failure`, `servedBy`, `tried` and
 * `maxMs.failover` are the step's own; `status`, `negotiated`, `tls`, `redirects`, `diagnostics` and the other timing
 * phases are those of the attempt that answered (or of the last one tried when none did).
 */
export function checkFailoverExpect(path: string, expect: FailoverExpect | null, refs: ExpectedRefs, evidence: FailoverEvidence): ExpectationResult[] {
  if (expect === null) return [];
  const attempt = decisiveAttempt(evidence);
  const results: ExpectationResult[] = [];
  if (expect.outcome !== undefined) results.push(equalExpectation(`${path}.outcome`, "outcome", expect.outcome, evidence.servedBy === null ? "failed" : "answered"));
  if (expect.failure !== undefined) results.push(equalExpectation(`${path}.failure`, "failure", expect.failure, evidence.failure?.code ?? null));
  const { outcome: _outcome, failure: _failure, servedBy: _servedBy, tried: _tried, maxMs, ...perAttempt } = expect;
  if (attempt !== null) {
    const probe: ProbeEvidence = attempt.evidence;
    results.push(...checkProbeExpect(path, perAttempt, { ...refs, servedBy: null }, probe));
  }
  if (refs.servedBy !== null) {
    const served = evidence.attempts.find((candidate) => candidate.server === evidence.servedBy) ?? null;
    const seen = served === null ? null : placeText({ role: served.role, server: served.server }, served.server);
    const met = served !== null && placeMatches(refs.servedBy, { role: served.role, server: served.server });
    results.push(expectation(`${path}.servedBy`, "servedBy", refs.servedBy.ref, seen, met));
  }
  const tried = evidence.attempts.map((candidate) => ({ role: candidate.role, server: candidate.server, fallback: candidate.server }));
  results.push(...checkPlaces(`${path}.tried`, "tried", refs.tried, tried));
  const last = attempt?.evidence.hops.at(-1) ?? null;
  results.push(...checkTimings(path, maxMs, { ...hopTimings(last, evidence.durationMs), failover: evidence.failoverMs }));
  return results;
}
