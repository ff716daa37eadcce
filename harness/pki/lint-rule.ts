import type { CertificateSummary } from "./certificate-summary.js";
import type { LiveTlsFacts } from "./live-tls-facts.js";

/** `error` fails the lint (exit 1); `warning` is reported but does not. */
export type LintSeverity = "error" | "warning";

/** pass → the certificate meets the rule; fail → it does not; skip → the rule could not be checked (says why). */
export type LintStatus = "pass" | "fail" | "skip";

/** The sentence a rule enforces and where it comes from (docs/style.md habit 4). */
export interface LintSource {
  /** e.g. `docs/protocol.md §5 [DOC, seed]`. */
  readonly ref: string;
  readonly quote: string;
}

/** Everything a rule may look at. */
export interface LintContext {
  /** The certificate under test (the leaf), absent when a live server sent none. */
  readonly leaf: CertificateSummary | undefined;
  readonly leafPem: string | undefined;
  /** Other certificates that came with it (the presented chain or the rest of the file), leaf excluded. */
  readonly intermediatePems: readonly string[];
  /** Roots the certificate must chain to (`--ca`); empty when none were given. */
  readonly caPems: readonly string[];
  /** The FQDN the certificate must name (`--fqdn`, or the host in host:port mode). */
  readonly fqdn: string | undefined;
  /** Redundant-UM peer FQDNs that the SAN must cover (`--peers`). */
  readonly peers: readonly string[];
  readonly now: Date;
  /** Warn when the certificate expires within this many days. */
  readonly expiryWarningDays: number;
  /** Facts from a live connection (host:port mode). */
  readonly live: LiveTlsFacts | undefined;
}

export interface RuleOutcome {
  readonly status: LintStatus;
  /** What was found about this certificate, in one sentence. */
  readonly message: string;
}

/** One lint rule: a stable id (never renamed; scenarios and CI match on it), what it checks and how to fix it. */
export interface LintRule {
  readonly id: string;
  readonly severity: LintSeverity;
  /** What the rule requires, as a short sentence. */
  readonly title: string;
  /** Why it matters, in plain words. */
  readonly explanation: string;
  readonly source: LintSource;
  /** What an administrator changes when the rule fails. */
  readonly fix: string;
  /** `certificate` rules need a leaf; `live` rules need a live connection. */
  readonly scope: "certificate" | "live";
  check(context: LintContext): RuleOutcome;
}
