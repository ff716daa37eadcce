import type { TargetRole } from "../model/target-role.js";
import type { TargetHealth } from "./target-health.js";

/** Where an event is about. */
export interface EventTarget {
  readonly target: string;
  readonly role: TargetRole;
  readonly fqdn: string;
}

/** A certificate as the monitor compares it: what changes on a renewal or a rotation. */
export interface CertificateIdentity {
  readonly fingerprint256: string;
  readonly serialNumber: string;
  readonly subject: string;
  readonly issuer: string;
  readonly validTo: string;
}

/** How a certificate stands against the thresholds and the lint (docs/design.md §1 `exum monitor`). */
export type CertificateStatus = "ok" | "warning" | "failure";

/**
 * One line of `--events <file>` (JSON lines) and what every view is built from. `at` is the wall time (ISO 8601).
 * Values a peer sent (reason phrases, diagnostics text) are kept as sent; every view escapes them.
 */
export type MonitorEvent =
  | { readonly type: "started"; readonly at: string; readonly site: string; readonly targets: readonly EventTarget[]; readonly calls: readonly string[]; readonly intervalMs: number; readonly downAfter: number }
  | (EventTarget & {
      readonly type: "options";
      readonly at: string;
      /** A 2xx final response came: the target answered. Anything else is a miss. */
      readonly answered: boolean;
      readonly status: number | null;
      readonly reason: string | null;
      /** From sending OPTIONS to its final response (ms); null when none came. */
      readonly latencyMs: number | null;
      /** The failure code (tls-untrusted-server, connection-refused, no-response, rejected …) of a miss. */
      readonly failure: string | null;
      readonly misses: number;
    })
  | (EventTarget & { readonly type: "up" | "down"; readonly at: string; readonly from: TargetHealth; readonly misses: number; readonly failure: string | null })
  | (EventTarget & {
      readonly type: "certificate";
      readonly at: string;
      readonly status: CertificateStatus;
      /** Whole days until notAfter (negative once expired); null when no certificate was seen. */
      readonly daysLeft: number | null;
      readonly certificate: CertificateIdentity | null;
      /** The lint's verdict (chain, names, key usage …) or null when it could not connect. */
      readonly lint: "pass" | "fail" | null;
      /** `<rule>: <message>` of every failed rule, errors and warnings. */
      readonly findings: readonly string[];
      readonly failure: string | null;
    })
  | (EventTarget & { readonly type: "certificate-changed"; readonly at: string; readonly before: CertificateIdentity; readonly after: CertificateIdentity })
  | {
      readonly type: "call";
      readonly at: string;
      readonly to: string;
      readonly outcome: "answered" | "failed";
      readonly status: number | null;
      readonly reason: string | null;
      /** The ms-diagnostics(-public) code of the final response or of the peer's BYE, when one came. */
      readonly diagnostics: number | null;
      readonly failure: string | null;
      /** The media verdict (docs/media.md §7), or null when no media was measured. */
      readonly media: string | null;
      /** From the INVITE to the end of the call (ms). */
      readonly durationMs: number;
    }
  | { readonly type: "call-skipped"; readonly at: string; readonly to: string; readonly reason: string }
  | { readonly type: "stopped"; readonly at: string; readonly reason: "once" | "for" | "signal" };
