import type { ExpectationResult } from "../model/run-result.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import type { Hop } from "../model/probe-result.js";
import { checkDiagnostics, checkPlaces, checkTimings, checkTls, hopTimings, placeMatches, placeText } from "./check-common-expect.js";
import { equalExpectation, expectation } from "./expectation.js";
import { checkMediaExpect } from "./check-media-expect.js";
import type { ExpectedRefs } from "./plan.js";
import type { CallExpect, OptionsExpect } from "./step-expectations.js";

/** The hop that sent the final response: the last one, when it got a final status that is no redirect. */
export function servingHop(evidence: ProbeEvidence): Hop | null {
  const last = evidence.hops.at(-1) ?? null;
  return last !== null && last.status !== null && (last.status < 300 || last.status >= 400) ? last : null;
}

/** The hops that answered 3xx, in order: the redirect chain (docs/protocol.md §1). */
export function redirectHops(evidence: ProbeEvidence): Hop[] {
  return evidence.hops.filter((hop) => hop.status !== null && hop.status >= 300 && hop.status < 400);
}

function hopFallback(hop: Hop): string {
  return `${hop.address ?? hop.target}:${hop.port}`;
}

/**
 * The expectations of an `options` or `call` step, each computed from the probe's evidence (docs/design.md §3: "Verdicts
 * are computed from evidence, so a report can always show why"). `path` is the step's `steps[i].expect`.
 */
export function checkProbeExpect(path: string, expect: OptionsExpect | CallExpect | null, refs: ExpectedRefs | null, evidence: ProbeEvidence): ExpectationResult[] {
  if (expect === null) return [];
  const results: ExpectationResult[] = [];
  const last = evidence.hops.at(-1) ?? null;
  if (expect.outcome !== undefined) results.push(equalExpectation(`${path}.outcome`, "outcome", expect.outcome, evidence.outcome));
  if (expect.status !== undefined) results.push(equalExpectation(`${path}.status`, "status", expect.status, evidence.status));
  if (expect.failure !== undefined) results.push(equalExpectation(`${path}.failure`, "failure", expect.failure, evidence.failure?.code ?? null));
  if ("negotiated" in expect && expect.negotiated !== undefined) {
    const negotiated = evidence.negotiated;
    for (const [key, value] of Object.entries(expect.negotiated)) {
      if (value === undefined) continue;
      const seen = negotiated === null ? null : ((negotiated as unknown as Record<string, string | null>)[key] ?? null);
      results.push(equalExpectation(`${path}.negotiated.${key}`, `negotiated.${key}`, value, seen));
    }
  }
  if ("media" in expect && expect.media !== undefined) results.push(...checkMediaExpect(`${path}.media`, expect.media, "media" in evidence ? evidence.media : null));
  results.push(...checkTls(path, expect.tls, evidence.tls));
  if ("redirects" in expect && refs !== null) {
    const places = redirectHops(evidence).map((hop) => ({ role: hop.role ?? null, server: hop.server ?? null, fallback: hopFallback(hop) }));
    results.push(...checkPlaces(`${path}.redirects`, "redirects", refs.redirects, places));
  }
  if ("servedBy" in expect && refs?.servedBy != null) {
    const hop = servingHop(evidence);
    const seen = hop === null ? null : placeText({ role: hop.role ?? null, server: hop.server ?? null }, hopFallback(hop));
    const met = hop !== null && placeMatches(refs.servedBy, { role: hop.role ?? null, server: hop.server ?? null });
    results.push(expectation(`${path}.servedBy`, "servedBy", refs.servedBy.ref, seen, met));
  }
  if ("warnings" in expect && expect.warnings !== undefined) {
    // Each listed code must be among the call's; [] means none at all.
    const seen = evidence.warningCodes ?? [];
    const met = expect.warnings.length === 0 ? seen.length === 0 : expect.warnings.every((code) => seen.includes(code));
    results.push(expectation(`${path}.warnings`, "warnings", expect.warnings, seen, met));
  }
  results.push(...checkDiagnostics(path, expect.diagnostics, last));
  results.push(...checkTimings(path, expect.maxMs, hopTimings(last, evidence.durationMs)));
  return results;
}
