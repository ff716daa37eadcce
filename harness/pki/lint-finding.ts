import type { CertificateSummary } from "./certificate-summary.js";
import type { LintSeverity, LintSource, LintStatus } from "./lint-rule.js";
import type { LiveTlsFacts } from "./live-tls-facts.js";

/** One rule's verdict on one certificate. */
export interface LintFinding {
  readonly ruleId: string;
  readonly severity: LintSeverity;
  readonly status: LintStatus;
  readonly title: string;
  readonly message: string;
  readonly explanation: string;
  readonly source: LintSource;
  /** Present when the rule failed. */
  readonly fix?: string;
}

/** The result of `lintCertificate`: the certificate, its chain, what a live server did, and every finding. */
export interface LintReport {
  readonly certificate: CertificateSummary | undefined;
  /** The other certificates given or presented with it, in order. */
  readonly chain: CertificateSummary[];
  readonly live: Omit<LiveTlsFacts, "peerChainPems"> | undefined;
  readonly findings: LintFinding[];
  /** Failed rules of severity `error`. */
  readonly errors: number;
  /** Failed rules of severity `warning`. */
  readonly warnings: number;
  /** `fail` when any error-severity rule failed (exit 1). */
  readonly verdict: "pass" | "fail";
}
