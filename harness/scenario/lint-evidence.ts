import type { CertificateSummary } from "../pki/certificate-summary.js";
import type { LintReport } from "../pki/lint-finding.js";
import type { JsonValue } from "../report/json-value.js";
import type { CertificateEvidence, LintEvidence, TlsConnectionEvidence } from "../report/step-evidence.js";

/** A certificate as the run model shows it (harness/pki's summary, `undefined` made null). */
export function certificateEvidence(summary: CertificateSummary): CertificateEvidence {
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
export function lintEvidence(report: LintReport, tls: TlsConnectionEvidence | null, durationMs: number): LintEvidence {
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
    failure: error === undefined ? null : { code: error.code, message: error.message },
    tls,
    durationMs,
  };
}
