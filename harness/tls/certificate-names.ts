import type { CertificateSummary } from "../model/certificate-summary.js";

/**
 * The host names a certificate claims, lower-cased and without duplicates: the Subject CN, then every DNS SAN.
 * A server authorises a peer by these (docs/protocol.md §5: "matches the peer certificate's subject/SAN names against
 * [its trusted list]"). Wildcards are kept as written (`*.contoso.com`).
 */
export function certificateNames(summary: CertificateSummary): string[] {
  const names = new Set<string>();
  if (summary.commonName !== null && summary.commonName !== "") names.add(summary.commonName.toLowerCase());
  for (const entry of summary.san) {
    if (entry.startsWith("DNS:")) names.add(entry.slice(4).toLowerCase());
  }
  return [...names];
}
