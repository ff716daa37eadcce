import { durationText } from "../model/duration-text.js";
import type { FailureCode } from "../model/failure-code.js";
import { fixFor } from "../model/failure-code.js";
import type { FailureFix } from "../model/failure-definition.js";
import { parseSipUriText } from "../model/sip-uri-text.js";
import { isTargetRole, TARGET_ROLE_NAMES } from "../model/target-role.js";
import type { ExpectationResult, StepResult } from "../model/run-result.js";
import { mediaSentence } from "../model/media-sentence.js";
import type { FailoverEvidence, LintEvidence, ProbeEvidence } from "../model/step-evidence.js";
import type { Hop } from "../model/probe-result.js";

/**
 * A step told in plain language (docs/design.md §7: "each step's verdict in plain language with the fix an administrator
 * would apply"): what happened, why it failed, what to change. Plain text: every renderer escapes it its own way.
 */
export interface StepStory {
  /** What happened, in one or two sentences. */
  readonly headline: string;
  /** The stable failure code the evidence ends with, and the harness's message for it. */
  readonly failure: { readonly code: FailureCode; readonly message: string } | null;
  /** The ms-diagnostics(-public) reason of the last answer that carried one. */
  readonly reason: string | null;
  /** What an administrator changes (docs/failure-codes.md), for the failure code. */
  readonly fix: FailureFix | null;
  /** Certificate checks that failed, each with the lint's own fix. */
  readonly findings: readonly { readonly title: string; readonly message: string; readonly fix: string | null }[];
  /** Every expectation, in order: met or not, in a sentence. */
  readonly expectations: readonly { readonly met: boolean; readonly text: string }[];
}

const SIGNALING: Readonly<Record<string, string>> = { mtls: "mutual TLS", tls: "TLS (we were not authenticated)", tcp: "TCP" };


/** The role's name for a reader (`UM Call Router`), or the role as written. */
export function roleName(role: string | null | undefined): string | null {
  if (role === null || role === undefined) return null;
  return isTargetRole(role) ? TARGET_ROLE_NAMES[role] : role;
}

/** The host of a SIP URI (`sip:alice@mbx01.contoso.com:5063;…` → `mbx01.contoso.com`), or the text as written. */
export function uriHost(uri: string): string {
  return parseSipUriText(uri)?.host ?? uri;
}

/** Where a hop went: `UM service mbx01.tukwila.contoso.com:5063`. */
export function hopPlace(hop: Hop): string {
  const host = hop.server ?? hop.host ?? uriHost(hop.target);
  const role = roleName(hop.role);
  return `${role === null ? "" : `${role} `}${host}:${hop.port}`;
}

function answer(hop: Hop): string {
  return hop.status === null ? (hop.failure?.code ?? "no answer") : `${hop.status}${hop.reason === null ? "" : ` ${hop.reason}`}`;
}

/** The redirect chain: `UM Call Router cas01…:5061 302 → UM service mbx01…:5063 302 → UM worker mbx01…:5066 200 OK`. */
export function hopChain(hops: readonly Hop[]): string {
  return hops.map((hop) => `${hopPlace(hop)} ${answer(hop)}`).join(" → ");
}

function negotiatedText(probe: ProbeEvidence): string {
  const negotiated = probe.negotiated;
  if (negotiated === null) return "";
  const media =
    negotiated.media === "srtp"
      ? `SRTP (${negotiated.suite ?? "suite unknown"}${negotiated.profile === null ? "" : `, ${negotiated.profile}`})`
      : negotiated.media === "rtp"
        ? `RTP in clear${negotiated.profile === null ? "" : ` (${negotiated.profile})`}`
        : "no media";
  const mode = negotiated.mode === null ? "" : `; Exchange calls this ${negotiated.mode}`;
  // docs/media.md §7: the SDP's mode is what was negotiated; the packets say whether it held.
  const measured = "media" in probe ? probe.media : null;
  const seen = measured === null ? " The media was not measured." : ` On the wire: ${mediaSentence(measured)}.`;
  return ` Negotiated ${SIGNALING[negotiated.signaling] ?? negotiated.signaling} signalling and ${media}${mode}.${seen}`;
}

function probeHeadline(step: StepResult, probe: ProbeEvidence): string {
  const last = probe.hops.at(-1);
  const where = last === undefined ? (step.target?.ref ?? "the target") : hopPlace(last);
  if (probe.kind === "options") {
    if (last === undefined) return `OPTIONS to ${where} was not sent${probe.failure === null ? "" : `: ${probe.failure.code}`}.`;
    const over = last.signaling === null ? "" : ` over ${SIGNALING[last.signaling] ?? last.signaling}`;
    if (last.status === null) return `OPTIONS to ${where} got no SIP answer${over}: ${probe.failure?.code ?? "no response"}.`;
    return `OPTIONS to ${where} was answered ${answer(last)}${over} in ${durationText(last.timings.finalResponseMs)}.`;
  }
  const uri = step.target?.requestUri ?? probe.hops[0]?.target ?? step.target?.ref ?? "the target";
  const redirects = probe.hops.filter((hop) => hop.status !== null && hop.status >= 300 && hop.status < 400).length;
  const chain = probe.hops.length <= 1 ? "" : ` Path: ${hopChain(probe.hops)}.`;
  if (probe.outcome === "answered") {
    return `The call to ${uri} was answered by ${where} after ${redirects} redirect${redirects === 1 ? "" : "s"}.${negotiatedText(probe)}${chain}`;
  }
  if (probe.status !== null) return `The call to ${uri} failed with ${probe.status}${probe.reason === null ? "" : ` ${probe.reason}`} from ${where}.${chain}`;
  return `The call to ${uri} failed before any SIP answer from ${where}: ${probe.failure?.code ?? "no response"}.${chain}`;
}

function lintHeadline(step: StepResult, lint: LintEvidence): string {
  const target = step.target?.ref ?? "the target";
  if (lint.certificate === null) return `Could not read the certificate of ${target}: ${lint.failure?.code ?? "no certificate"}.`;
  const failed = lint.findings.filter((finding) => finding.status === "fail");
  const checked = lint.findings.filter((finding) => finding.status !== "skip").length;
  const verdict = failed.length === 0 ? `passes all ${checked} checks` : `fails ${failed.length} of ${checked} checks`;
  return `The certificate ${lint.certificate.subject} presented by ${target} ${verdict}.`;
}

function failoverHeadline(failover: FailoverEvidence): string {
  const tried = failover.attempts.map((attempt) => `${attempt.server} ${attempt.evidence.status ?? attempt.evidence.failure?.code ?? "no answer"}`);
  const result = failover.servedBy === null ? "none answered" : `served by ${failover.servedBy} after ${durationText(failover.failoverMs)}`;
  return `${failover.attempts.length} server${failover.attempts.length === 1 ? "" : "s"} tried (${tried.join(", ")}); ${result}.`;
}

/** A JSON value in a sentence: strings bare, the rest as JSON. */
function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** An expectation in a sentence: `failure is incompatible-security-setting`, or the runner's message when unmet. */
export function expectationText(expectation: ExpectationResult): string {
  const leaf = expectation.path.replace(/^.*?\.expect\./, "");
  // `exum matrix` checks each cell against each documented table (scenario/matrix-run.ts): `expect.documented.<table>`.
  const table = /^documented\.(.+)$/.exec(leaf)?.[1];
  if (expectation.met && table !== undefined) return `agrees with ${table}: ${show(expectation.expected)}`;
  if (expectation.met) return `${leaf} is ${show(expectation.expected)}`;
  return expectation.message ?? `expected ${leaf} ${show(expectation.expected)}, saw ${show(expectation.seen)}`;
}

function lastReason(hops: readonly Hop[]): string | null {
  for (const hop of [...hops].reverse()) {
    const reason = hop.diagnostics.find((diagnostic) => diagnostic.reason !== null)?.reason;
    if (reason !== undefined && reason !== null) return reason;
  }
  return null;
}

/** The story of one step. */
export function stepStory(step: StepResult): StepStory {
  const evidence = step.evidence;
  let headline: string;
  let failure: StepStory["failure"] = null;
  let reason: string | null = null;
  let findings: StepStory["findings"] = [];
  if (evidence === null) {
    headline = step.error !== null ? `The harness could not run this step: ${step.error.message}` : step.verdict === "skipped" ? "Not run." : "No evidence was recorded.";
  } else {
    switch (evidence.kind) {
      case "options":
      case "call":
        headline = probeHeadline(step, evidence);
        failure = evidence.failure;
        reason = lastReason(evidence.hops);
        break;
      case "certs":
        headline = lintHeadline(step, evidence);
        failure = evidence.failure;
        findings = evidence.findings
          .filter((finding) => finding.status === "fail")
          .map((finding) => ({ title: finding.title, message: finding.message, fix: finding.fix ?? null }));
        break;
      case "failover":
        headline = failoverHeadline(evidence);
        failure = evidence.failure;
        reason = lastReason(evidence.attempts.flatMap((attempt) => attempt.evidence.hops));
        break;
      case "lab":
        headline = evidence.changes.length === 0 ? "The lab was left as it was." : `The lab was changed: ${evidence.changes.join("; ")}.`;
        break;
      case "wait":
        headline = `Waited ${durationText(evidence.ms)}.`;
        break;
    }
  }
  if (step.error !== null && evidence !== null) headline += ` The harness failed: ${step.error.message}`;
  return {
    headline,
    failure: failure === null ? null : { code: failure.code, message: failure.message },
    reason,
    fix: fixFor(failure?.code, reason),
    findings,
    expectations: step.expectations.map((expectation) => ({ met: expectation.met, text: expectationText(expectation) })),
  };
}
