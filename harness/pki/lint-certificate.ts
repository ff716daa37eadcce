import type { CertificateSummary } from "./certificate-summary.js";
import type { LintFinding, LintReport } from "./lint-finding.js";
import type { LintContext } from "./lint-rule.js";
import { LINT_RULES } from "./lint-rules.js";
import type { LiveTlsFacts } from "./live-tls-facts.js";
import { summarizeCertificate } from "./summarize-certificate.js";

export interface LintOptions {
  /** The certificate, then the rest of its chain (PEM, leaf first). May be empty only with `live`. */
  readonly chainPems: readonly string[];
  /** Roots it must chain to (`--ca`). @defaultValue [] (chains-to-root is skipped) */
  readonly caPems?: readonly string[];
  /** The FQDN it must name (`--fqdn`). */
  readonly fqdn?: string;
  /** Redundant-UM peers its SAN must cover (`--peers`). @defaultValue [] */
  readonly peers?: readonly string[];
  /** @defaultValue new Date() */
  readonly now?: Date;
  /** @defaultValue 30 */
  readonly expiryWarningDays?: number;
  /** What a live server did (host:port mode). */
  readonly live?: LiveTlsFacts;
}

/**
 * Applies every lint rule (docs/protocol.md §5) to one certificate and, in host:port mode, to what the server did.
 * Pure: no files, no sockets. Verdict `fail` when any error-severity rule fails.
 */
export function lintCertificate(options: LintOptions): LintReport {
  const [leafPem, ...intermediatePems] = options.chainPems;
  const leaf = leafPem === undefined ? undefined : summarizeCertificate(leafPem);
  const context: LintContext = {
    leaf,
    leafPem,
    intermediatePems,
    caPems: options.caPems ?? [],
    fqdn: options.fqdn,
    peers: options.peers ?? [],
    now: options.now ?? new Date(),
    expiryWarningDays: options.expiryWarningDays ?? 30,
    live: options.live,
  };
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    if (rule.scope === "live" && options.live === undefined) continue;
    if (rule.scope === "certificate" && leaf === undefined) continue;
    const outcome = rule.check(context);
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      status: outcome.status,
      title: rule.title,
      message: outcome.message,
      explanation: rule.explanation,
      source: rule.source,
      ...(outcome.status === "fail" ? { fix: rule.fix } : {}),
    });
  }
  const failed = findings.filter((finding) => finding.status === "fail");
  const errors = failed.filter((finding) => finding.severity === "error").length;
  const chain: CertificateSummary[] = intermediatePems.map((pem) => summarizeCertificate(pem));
  let live: LintReport["live"];
  if (options.live !== undefined) {
    const { peerChainPems: _peerChainPems, ...facts } = options.live;
    live = facts;
  }
  return {
    certificate: leaf,
    chain,
    live,
    findings,
    errors,
    warnings: failed.length - errors,
    verdict: errors > 0 ? "fail" : "pass",
  };
}
