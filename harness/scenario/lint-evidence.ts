import type { CertificateSummary as LintedCertificate } from "../pki/certificate-summary.js";
import type { LintReport } from "../pki/lint-finding.js";
import type { JsonValue } from "../model/json-value.js";
import type { LintEvidence } from "../model/step-evidence.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import type { CertificateSummary } from "../model/certificate-summary.js";

/** A certificate as the run model shows it (harness/pki's summary, `undefined` made null). */
export function certificateEvidence(summary: LintedCertificate): CertificateSummary {
  return {
    subject: summary.subject,
    commonName: summary.commonName ?? null,
    san: [...summary.san],
    issuer: summary.issuer,
    validFrom: summary.validFrom,
    validTo: summary.validTo,
    fingerprint256: summary.fingerprint256,
    serialNumber: summary.serialNumber,
  };
}

/** A lint report (harness/pki LintReport) of what a live server presented, as the run model's evidence. */
export function lintEvidence(report: LintReport, tls: TlsEvidence | null, durationMs: number): LintEvidence {
  const error = report.live?.error;
  return {
    kind: "certs",
    verdict: report.verdict,
    certificate: report.certificate === undefined ? null : certificateEvidence(report.certificate),
    chain: report.chain.map(certificateEvidence),
    findings: report.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      status: finding.status,
      title: finding.title,
      message: finding.message,
      ...(finding.fix === undefined ? {} : { fix: finding.fix }),
    })),
    // JSON round trip: the live facts hold `undefined` fields, which run.json drops.
    live: report.live === undefined ? null : (JSON.parse(JSON.stringify(report.live)) as JsonValue),
    failure: error ?? null,
    tls,
    durationMs,
  };
}
