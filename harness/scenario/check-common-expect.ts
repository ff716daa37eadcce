import type { Hop } from "../model/probe-result.js";
import type { MsDiagnostics } from "../model/ms-diagnostics.js";
import { reasonLeadsWith } from "../sip/ms-diagnostics.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import type { ExpectationResult } from "../model/run-result.js";
import { equalExpectation, expectation } from "./expectation.js";
import type { ResolvedRef } from "./plan.js";
import type { TimingPhase } from "./expect-fields.js";

/** The TLS facts `expect.tls` names, as the evidence of one connection shows them (null: not seen). */
export function tlsFacts(tls: TlsEvidence | null): Record<"version" | "mutual" | "clientCertificateRequested" | "issuerListed" | "trusted" | "nameMatches", string | boolean | null> {
  if (tls === null || tls.transport !== "tls") {
    return { version: null, mutual: tls === null ? null : false, clientCertificateRequested: tls === null ? null : false, issuerListed: null, trusted: null, nameMatches: null };
  }
  return {
    version: tls.version,
    // docs/protocol.md §5: "Report 'mutual TLS accepted' only after the first SIP response arrives" (harness/tls settles it).
    mutual: tls.clientCertificate.sent && tls.clientCertificate.accepted === true,
    clientCertificateRequested: tls.clientCertificate.requested,
    issuerListed: tls.clientCertificate.issuerListed ?? null,
    trusted: tls.version === null && tls.peer === null ? null : tls.verification.trusted,
    nameMatches: tls.verification.nameMatches,
  };
}

/** `expect.tls.*` against the last connection. */
export function checkTls(path: string, expect: Partial<Record<string, string | boolean>> | undefined, tls: TlsEvidence | null): ExpectationResult[] {
  if (expect === undefined) return [];
  const facts = tlsFacts(tls) as Record<string, string | boolean | null>;
  return Object.entries(expect).flatMap(([key, value]) => (value === undefined ? [] : [equalExpectation(`${path}.tls.${key}`, `tls.${key}`, value, facts[key] ?? null)]));
}


/** `expect.diagnostics.*` against the ms-diagnostics(-public) header of the final response. */
export function checkDiagnostics(
  path: string,
  expect: { reason?: string | undefined; code?: number | undefined; header?: "ms-diagnostics" | "ms-diagnostics-public" | undefined } | undefined,
  hop: Hop | null,
): ExpectationResult[] {
  if (expect === undefined) return [];
  const all: readonly MsDiagnostics[] = hop?.diagnostics ?? [];
  const entry = (expect.header === undefined ? all[0] : all.find((d) => d.header === expect.header)) ?? null;
  const results: ExpectationResult[] = [];
  if (expect.header !== undefined) results.push(equalExpectation(`${path}.diagnostics.header`, "diagnostics.header", expect.header, entry?.header ?? all[0]?.header ?? null));
  if (expect.reason !== undefined) {
    const seen = entry?.reason ?? null;
    results.push(expectation(`${path}.diagnostics.reason`, "diagnostics.reason", expect.reason, seen, reasonLeadsWith(seen, expect.reason)));
  }
  if (expect.code !== undefined) results.push(equalExpectation(`${path}.diagnostics.code`, "diagnostics.code", expect.code, entry?.code ?? null));
  return results;
}

/** `expect.maxMs.*`: each phase at most that many milliseconds; a phase that did not happen is not met. */
export function checkTimings(path: string, expect: Partial<Record<TimingPhase, number>> | undefined, seen: Partial<Record<TimingPhase, number | null>>): ExpectationResult[] {
  if (expect === undefined) return [];
  return Object.entries(expect).flatMap(([phase, max]) => {
    if (max === undefined) return [];
    const value = seen[phase as TimingPhase] ?? null;
    const rounded = value === null ? null : Math.round(value * 1000) / 1000;
    const result = expectation(`${path}.maxMs.${phase}`, `maxMs.${phase} (at most, ms)`, max, rounded, rounded !== null && rounded <= max);
    return [result.met || rounded !== null ? result : { ...result, message: `expected ${phase} within ${max} ms, but it did not happen` }];
  });
}

/** The timing phases of a probe's last hop, and the whole step. */
export function hopTimings(hop: Hop | null, totalMs: number): Partial<Record<TimingPhase, number | null>> {
  return {
    connect: hop?.timings.tcpConnectMs ?? null,
    handshake: hop?.timings.tlsHandshakeMs ?? null,
    firstResponse: hop?.timings.firstResponseMs ?? null,
    finalResponse: hop?.timings.finalResponseMs ?? null,
    total: totalMs,
  };
}

/** A hop's place as a scenario would write it: `worker:mbx01.tukwila.contoso.com`, or `host:port` when unknown. */
export function placeText(place: { role?: string | null | undefined; server?: string | null | undefined }, fallback: string): string {
  if (place.role != null && place.server != null) return `${place.role}:${place.server}`;
  return place.role ?? place.server ?? fallback;
}

/** Whether a place is what a reference names: its role (when it names one) and its server (when it names one). */
export function placeMatches(ref: ResolvedRef, place: { role?: string | null | undefined; server?: string | null | undefined }): boolean {
  if (ref.role !== null && ref.role !== place.role) return false;
  if (ref.fqdn !== null && ref.fqdn !== place.server) return false;
  return true;
}

/** A list of places against a list of references, in order: `expect.redirects`, `expect.tried`. */
export function checkPlaces(
  path: string,
  what: string,
  refs: readonly ResolvedRef[] | null,
  places: readonly { role?: string | null | undefined; server?: string | null | undefined; fallback: string }[],
): ExpectationResult[] {
  if (refs === null) return [];
  const met = refs.length === places.length && refs.every((ref, i) => placeMatches(ref, places[i] ?? {}));
  return [expectation(path, what, refs.map((ref) => ref.ref), places.map((place) => placeText(place, place.fallback)), met)];
}
