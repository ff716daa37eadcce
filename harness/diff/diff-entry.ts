import type { DiffClass } from "./diff-class.js";

/**
 * What a difference can be about: one item of what was negotiated or concluded (docs/design.md §1 "exum diff"), in
 * the order a step's differences are listed.
 */
export const DIFF_ASPECTS = [
  "scenario",
  "step",
  "verdict",
  "outcome",
  "status",
  "failure",
  "redirect-chain",
  "served-by",
  "signaling",
  "transport",
  "tls-version",
  "cipher",
  "certificate-fingerprint",
  "certificate-issuer",
  "certificate-names",
  "certificate-expiry",
  "verification",
  "mutual-tls-requested",
  "mutual-tls-accepted",
  "diagnostics",
  "exchange-mode",
  "media-protection",
  "srtp-suite",
  "srtp-mki",
  "sdp-profile",
  "codec",
  "media-verdict",
  "media-failure",
  "lint-verdict",
  "lint-rule",
] as const;

/** One of {@link DIFF_ASPECTS}. */
export type DiffAspect = (typeof DIFF_ASPECTS)[number];

/**
 * One difference between run A and run B, with its class and the reason for it. `before` and `after` are the values
 * as a reader sees them (`TLSv1.3`, `Secured`, `passed`), null where the run had none (no such step, no handshake).
 */
export interface DiffEntry {
  readonly aspect: DiffAspect;
  /** Where in the step: `hop 2 mbx01.tukwila.contoso.com`, `media`, `attempt 1 mbx01…, media`; null for the step itself. */
  readonly place: string | null;
  readonly before: string | null;
  readonly after: string | null;
  readonly class: DiffClass;
  /** One sentence: why it is in its class (`TLSv1.2 is an older protocol version than TLSv1.3`). */
  readonly reason: string;
}

/** A judged change of one value (what the classification rules return); `null` from a rule means "no difference". */
export interface Judgement {
  readonly class: DiffClass;
  readonly reason: string;
}
