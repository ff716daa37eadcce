import type { CertificateSummary } from "./certificate-summary.js";
import type { JsonValue } from "./json-value.js";
import type { CallProbeResult, ProbeResult } from "./probe-result.js";
import type { ProbeFailure } from "./probe-failure.js";
import type { TargetRole } from "./target-role.js";
import type { TlsEvidence } from "./tls-evidence.js";

/**
 * What a step saw, as JSON (docs/design.md §3: "A step's evidence is what was seen, not what was concluded"). An
 * options or call step stores the probe's result as it is (probe-result.ts); a certs step the lint of what the
 * target presented, with certificates summarised as the TLS layer summarises them.
 */

export interface LintFindingEvidence {
  readonly ruleId: string;
  readonly severity: "error" | "warning";
  readonly status: "pass" | "fail" | "skip";
  readonly title: string;
  readonly message: string;
  readonly fix?: string;
}

/** A certs step: the lint of what the target presented (harness/pki LintReport), or why it could not connect. */
export interface LintEvidence {
  readonly kind: "certs";
  readonly verdict: "pass" | "fail" | null;
  readonly certificate: CertificateSummary | null;
  readonly chain: readonly CertificateSummary[];
  readonly findings: readonly LintFindingEvidence[];
  /** What the live connection showed (harness/pki LiveTlsFacts), as JSON. */
  readonly live: JsonValue;
  readonly failure: ProbeFailure | null;
  readonly tls: TlsEvidence | null;
  readonly durationMs: number;
}

/** One server of a failover step. */
export interface FailoverAttemptEvidence {
  readonly server: string;
  readonly role: TargetRole | null;
  readonly evidence: ProbeEvidence;
}

/** A failover step (docs/protocol.md §7, MS-EUMR): every attempt, who answered and how long moving on took. */
export interface FailoverEvidence {
  readonly kind: "failover";
  readonly attempts: readonly FailoverAttemptEvidence[];
  /** The server that answered, or null when all failed. */
  readonly servedBy: string | null;
  /** From the first attempt to the answer of the server that served; null when none did. */
  readonly failoverMs: number | null;
  readonly failure: ProbeFailure | null;
  readonly durationMs: number;
}

/** A lab step: the changes applied, each in a sentence (`mbx01.tukwila.contoso.com → 127.42.7.13`). */
export interface LabEvidence {
  readonly kind: "lab";
  readonly changes: readonly string[];
}

export interface WaitEvidence {
  readonly kind: "wait";
  readonly ms: number;
}

/** The evidence of an options step (ProbeResult) or a call step (CallProbeResult, with what reached our media port). */
export type ProbeEvidence = ProbeResult | CallProbeResult;

export type StepEvidence = ProbeEvidence | LintEvidence | FailoverEvidence | LabEvidence | WaitEvidence;
