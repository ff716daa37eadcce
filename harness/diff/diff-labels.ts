import type { DiffClass } from "./diff-class.js";
import type { DiffAspect } from "./diff-entry.js";

/** What each aspect is called in the text, Markdown and HTML of a diff. */
export const ASPECT_LABELS: Readonly<Record<DiffAspect, string>> = {
  scenario: "scenario",
  step: "step",
  verdict: "verdict",
  outcome: "outcome",
  status: "final status",
  failure: "failure code",
  diagnostics: "ms-diagnostics",
  "redirect-chain": "redirect chain",
  "served-by": "served by",
  transport: "transport",
  signaling: "signalling",
  "tls-version": "TLS version",
  cipher: "cipher",
  "certificate-fingerprint": "certificate fingerprint",
  "certificate-issuer": "certificate issuer",
  "certificate-names": "certificate names",
  "certificate-expiry": "certificate expiry",
  verification: "verification",
  "mutual-tls-requested": "mutual TLS requested",
  "mutual-tls-accepted": "mutual TLS accepted",
  "exchange-mode": "Exchange mode",
  "media-protection": "media protection",
  "srtp-suite": "SRTP suite",
  "srtp-mki": "SRTP MKI",
  "sdp-profile": "SDP profile",
  codec: "codec",
  "media-verdict": "media verdict",
  "media-failure": "media failure",
  "lint-verdict": "certificate lint",
  "lint-rule": "lint rule",
};

/** Each class as a reader sees it. */
export const CLASS_LABELS: Readonly<Record<DiffClass, string>> = {
  "security-regression": "security regression",
  regression: "regression",
  improvement: "improvement",
  change: "change",
};

/** `2 security regressions, 1 regression, 0 improvements, 3 changes`. */
export function countsText(counts: Readonly<Record<DiffClass, number>>): string {
  return (Object.keys(CLASS_LABELS) as DiffClass[]).map((diffClass) => `${counts[diffClass]} ${CLASS_LABELS[diffClass]}${counts[diffClass] === 1 ? "" : "s"}`).join(", ");
}

/** The value of one side, or a dash when the run had none. */
export function valueText(value: string | null): string {
  return value ?? "—";
}

/** `3 scenarios differ (2 ran in both runs)`: how much of the two runs the counts cover. */
export function scopeText(differing: number, compared: number): string {
  return `${differing} scenario${differing === 1 ? "" : "s"} differ${differing === 1 ? "s" : ""} (${compared} ran in both runs)`;
}
