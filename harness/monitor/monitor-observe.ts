import type { CertificateSummary } from "../model/certificate-summary.js";
import type { CallProbeResult } from "../model/probe-result.js";
import type { StepResult } from "../model/run-result.js";
import type { CertificateIdentity, CertificateStatus, EventTarget, MonitorEvent } from "./monitor-event.js";
import type { MonitorSettings } from "./monitor-settings.js";
import { nextHealth, type TargetHealth } from "./target-health.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The parts of a certificate a change is judged by. */
export function certificateIdentity(summary: CertificateSummary): CertificateIdentity {
  return { fingerprint256: summary.fingerprint256, serialNumber: summary.serialNumber, subject: summary.subject, issuer: summary.issuer, validTo: summary.validTo };
}

/** What one OPTIONS step showed: the event, and the certificate the connection presented (null without a handshake). */
export function observeOptions(
  target: EventTarget,
  result: StepResult,
  before: { readonly health: TargetHealth; readonly misses: number },
  downAfter: number,
  at: string,
): { events: MonitorEvent[]; peer: CertificateSummary | null } {
  const evidence = result.evidence;
  const probe = evidence !== null && evidence.kind === "options" ? evidence : null;
  const answered = probe?.outcome === "ok";
  const hop = probe?.hops[probe.hops.length - 1];
  const misses = answered ? 0 : before.misses + 1;
  const failure = answered ? null : (probe?.failure?.code ?? result.error?.code ?? "not-measured");
  const events: MonitorEvent[] = [
    {
      type: "options",
      at,
      ...target,
      answered,
      status: probe?.status ?? null,
      reason: probe?.reason ?? null,
      latencyMs: hop?.timings.finalResponseMs ?? null,
      failure,
      misses,
    },
  ];
  const health = nextHealth(before.health, answered, misses, downAfter);
  // unknown → up is the first answer, not news; every other change is an event.
  if (health !== before.health && !(before.health === "unknown" && health === "up")) {
    events.push({ type: health === "down" ? "down" : "up", at, ...target, from: before.health, misses: health === "down" ? misses : before.misses, failure });
  }
  return { events, peer: probe?.tls?.peer ?? null };
}

/** Whole days from `now` until `validTo` (negative once expired). */
export function daysLeft(validTo: string, now: Date): number {
  return Math.floor((Date.parse(validTo) - now.getTime()) / DAY_MS);
}

/**
 * What one certificate step showed: days until expiry against `--cert-warn-days`/`--cert-fail-days`, and the lint
 * (chain to the site's CAs, names, key usage, docs/protocol.md §5). A failed error-severity rule or fewer than the
 * failure days is a failure; a failed warning rule or fewer than the warning days a warning.
 */
export function observeCertificate(target: EventTarget, result: StepResult, settings: Pick<MonitorSettings, "certWarnDays" | "certFailDays">, now: Date): MonitorEvent {
  const evidence = result.evidence;
  const lint = evidence !== null && evidence.kind === "certs" ? evidence : null;
  const summary = lint?.certificate ?? null;
  const left = summary === null ? null : daysLeft(summary.validTo, now);
  const failed = (lint?.findings ?? []).filter((finding) => finding.status === "fail");
  let status: CertificateStatus = "ok";
  if (summary === null || lint?.verdict === "fail" || (left !== null && left < settings.certFailDays)) status = "failure";
  else if ((left !== null && left < settings.certWarnDays) || failed.length > 0) status = "warning";
  return {
    type: "certificate",
    at: now.toISOString(),
    ...target,
    status,
    daysLeft: left,
    certificate: summary === null ? null : certificateIdentity(summary),
    lint: lint?.verdict ?? null,
    findings: failed.map((finding) => `${finding.ruleId}: ${finding.message}`),
    failure: lint?.failure?.code ?? result.error?.code ?? null,
  };
}

/** What one synthetic call showed (docs/design.md §1: outcome, SIP status + ms-diagnostics code, media proof). */
export function observeCall(to: string, result: StepResult, at: string): MonitorEvent {
  const evidence = result.evidence;
  const call = evidence !== null && evidence.kind === "call" ? evidence : null;
  const answered = call?.outcome === "answered";
  const hop = call?.hops[call.hops.length - 1];
  const diagnostics = hop?.diagnostics.find((entry) => entry.code !== null)?.code ?? null;
  return {
    type: "call",
    at,
    to,
    outcome: answered ? "answered" : "failed",
    status: call?.status ?? null,
    reason: call?.reason ?? null,
    diagnostics,
    failure: answered ? null : (call?.failure?.code ?? result.error?.code ?? "not-measured"),
    media: call === null || !("media" in call) ? null : ((call as CallProbeResult).media?.verdict ?? null),
    durationMs: Math.round(call?.durationMs ?? result.durationMs),
  };
}
