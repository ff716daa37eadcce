import type { TlsEvidence } from "../model/tls-evidence.js";
import { diffCertificate } from "./diff-certificate.js";
import { entryOf, within, type DiffContext } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { judgeCipher } from "./cipher-grade.js";
import { judgeProtection } from "./judge-protection.js";
import { judgeTransport } from "./judge-ranked.js";
import { judgeTlsVersion } from "./tls-version-rank.js";

function cipherName(tls: TlsEvidence | null): string | null {
  return tls?.cipher === null || tls?.cipher === undefined ? null : tls.cipher.standardName || tls.cipher.name;
}

function yesNo(value: boolean | null | undefined, yes: string, no: string): string | null {
  return value === null || value === undefined ? null : value ? yes : no;
}

/**
 * One connection's TLS in run A against run B (docs/design.md §3: version, cipher, the peer's certificate, how it
 * fared against our trust list and name, and our side of mutual TLS). Endpoints, SNI and warnings are not compared:
 * addresses and ports vary between runs.
 */
export function diffTls(before: TlsEvidence | null, after: TlsEvidence | null, place: string, context: DiffContext): DiffEntry[] {
  if (before === null && after === null) return [];
  const a = before?.verification;
  const b = after?.verification;
  const trusted = (tls: TlsEvidence | null) =>
    tls === null || tls.peer === null ? null : tls.verification.trusted ? "chain trusted" : `chain not trusted${tls.verification.error === null ? "" : ` (${tls.verification.error})`}`;
  const peer = (tls: TlsEvidence | null) => (tls === null || tls.peer === null ? null : tls.verification.trusted);
  return [
    ...entryOf(
      "transport",
      place,
      before?.transport ?? null,
      after?.transport ?? null,
      judgeTransport(before?.transport ?? null, after?.transport ?? null),
    ),
    ...entryOf("tls-version", place, before?.version ?? null, after?.version ?? null, judgeTlsVersion(before?.version ?? null, after?.version ?? null)),
    ...entryOf("cipher", place, cipherName(before), cipherName(after), judgeCipher(cipherName(before), cipherName(after))),
    ...diffCertificate(before?.peer ?? null, after?.peer ?? null, within(place, "server certificate"), context),
    ...entryOf("verification", place, trusted(before), trusted(after), judgeProtection(peer(before), peer(after), "the server's chain was trusted")),
    ...entryOf(
      "verification",
      place,
      yesNo(a?.nameMatches, "name matches", "name does not match"),
      yesNo(b?.nameMatches, "name matches", "name does not match"),
      judgeProtection(a?.nameMatches ?? null, b?.nameMatches ?? null, "the server's certificate named the host"),
    ),
    ...entryOf(
      "verification",
      place,
      yesNo(a === undefined ? null : !a.insecure, "enforced", "not enforced (--insecure)"),
      yesNo(b === undefined ? null : !b.insecure, "enforced", "not enforced (--insecure)"),
      judgeProtection(a === undefined ? null : !a.insecure, b === undefined ? null : !b.insecure, "verification was enforced"),
    ),
    ...entryOf(
      "mutual-tls-requested",
      place,
      yesNo(before?.clientCertificate.requested, "requested", "not requested"),
      yesNo(after?.clientCertificate.requested, "requested", "not requested"),
      judgeProtection(before?.clientCertificate.requested ?? null, after?.clientCertificate.requested ?? null, "the server asked for our certificate"),
    ),
    ...entryOf(
      "mutual-tls-accepted",
      place,
      yesNo(before?.clientCertificate.accepted, "accepted", "rejected"),
      yesNo(after?.clientCertificate.accepted, "accepted", "rejected"),
      judgeProtection(before?.clientCertificate.accepted ?? null, after?.clientCertificate.accepted ?? null, "the server accepted our certificate"),
    ),
  ];
}
