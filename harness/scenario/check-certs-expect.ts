import type { ExpectationResult } from "../model/run-result.js";
import type { LintEvidence } from "../model/step-evidence.js";
import { checkTimings, checkTls } from "./check-common-expect.js";
import { equalExpectation, expectation } from "./expectation.js";
import type { CertsExpect } from "./step-expectations.js";

/** The rule ids that failed, in the lint's order. */
export function failedRules(evidence: LintEvidence): string[] {
  return evidence.findings.filter((finding) => finding.status === "fail").map((finding) => finding.ruleId);
}

/** `pass`, `fail`, `skip`, or `not-checked` when the lint has no such finding (no certificate was read). */
function statusOf(evidence: LintEvidence, rule: string): string {
  return evidence.findings.find((finding) => finding.ruleId === rule)?.status ?? "not-checked";
}

/**
 * The expectations of a `certs` step, from the lint of what the target presented. `failedRules` must all have failed
 * (others may fail too); `passedRules` must all have passed, warnings included. `tls.trusted` is the lint's `chains-to-root` verdict against our CAs: the live probe is
 * insecure on purpose (it records what the server presents rather than refusing it), so the connection itself never
 * verifies.
 */
export function checkCertsExpect(path: string, expect: CertsExpect | null, evidence: LintEvidence, hopTimings: { connect: number | null; handshake: number | null }): ExpectationResult[] {
  if (expect === null) return [];
  const results: ExpectationResult[] = [];
  const failed = failedRules(evidence);
  if (expect.lint?.verdict !== undefined) results.push(equalExpectation(`${path}.lint.verdict`, "lint.verdict", expect.lint.verdict, evidence.verdict));
  if (expect.lint?.failedRules !== undefined) {
    const wanted = expect.lint.failedRules;
    results.push(expectation(`${path}.lint.failedRules`, "lint.failedRules (at least)", wanted, failed, wanted.every((rule) => failed.includes(rule))));
  }
  if (expect.lint?.passedRules !== undefined) {
    const wanted = expect.lint.passedRules;
    const seen = wanted.map((rule) => `${rule} ${statusOf(evidence, rule)}`);
    results.push(expectation(`${path}.lint.passedRules`, "lint.passedRules", wanted, seen, seen.every((text) => text.endsWith(" pass"))));
  }
  if (expect.failure !== undefined) results.push(equalExpectation(`${path}.failure`, "failure", expect.failure, evidence.failure?.code ?? null));
  if (expect.tls !== undefined) {
    const { trusted, ...rest } = expect.tls;
    results.push(...checkTls(path, rest, evidence.tls));
    if (trusted !== undefined) {
      const rule = evidence.findings.find((finding) => finding.ruleId === "chains-to-root");
      const seen = rule === undefined || rule.status === "skip" ? null : rule.status === "pass";
      results.push(equalExpectation(`${path}.tls.trusted`, "tls.trusted", trusted, seen));
    }
  }
  results.push(...checkTimings(path, expect.maxMs, { ...hopTimings, total: evidence.durationMs }));
  return results;
}
