import type { CertificateSummary } from "../model/certificate-summary.js";
import { changeOf, entryOf, type DiffContext } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { daysLeft, judgeExpiry } from "./judge-expiry.js";

/** The names a certificate vouches for: the Subject CN and every subjectAltName, sorted, once each. */
function names(certificate: CertificateSummary): string {
  const all = new Set([...(certificate.commonName === null ? [] : [`CN=${certificate.commonName}`]), ...certificate.san]);
  return [...all].sort().join(", ");
}

function expiryText(validTo: string, at: string): string {
  const left = daysLeft({ validTo, at });
  return left === null ? validTo : `${validTo} (${left} days left)`;
}

/**
 * A server certificate in run A against run B: another certificate (fingerprint: a renewal or a replacement), another
 * issuer, other names, and its expiry (judge-expiry.ts). The serial number goes with the fingerprint. A certificate in
 * one run only is compared field by field against nothing: its fingerprint is a change.
 */
export function diffCertificate(before: CertificateSummary | null, after: CertificateSummary | null, place: string, context: DiffContext): DiffEntry[] {
  if (before === null && after === null) return [];
  return [
    ...changeOf("certificate-fingerprint", place, before?.fingerprint256 ?? null, after?.fingerprint256 ?? null, "certificate (renewed or replaced)"),
    ...changeOf("certificate-issuer", place, before?.issuer ?? null, after?.issuer ?? null, "issuer"),
    ...changeOf("certificate-names", place, before === null ? null : names(before), after === null ? null : names(after), "set of names"),
    ...entryOf(
      "certificate-expiry",
      place,
      before === null ? null : expiryText(before.validTo, context.aAt),
      after === null ? null : expiryText(after.validTo, context.bAt),
      judgeExpiry(before === null ? null : { validTo: before.validTo, at: context.aAt }, after === null ? null : { validTo: after.validTo, at: context.bAt }, context.expiryWarningDays),
    ),
  ];
}
