import type { CertificateSummary } from "../../model/certificate-summary.js";

/**
 * The DNS names a peer certificate carries, lower case: the Subject CN first, then every SAN `DNS:` entry, without
 * repeats. docs/protocol.md §5: Exchange "matches the peer certificate's subject/SAN names against" its trusted list.
 */
export function peerNames(certificate: CertificateSummary | null): string[] {
  if (certificate === null) return [];
  const names: string[] = [];
  const add = (name: string) => {
    const lower = name.trim().toLowerCase();
    if (lower !== "" && !names.includes(lower)) names.push(lower);
  };
  if (certificate.commonName !== null) add(certificate.commonName);
  for (const entry of certificate.san) if (entry.startsWith("DNS:")) add(entry.slice(4));
  return names;
}

/**
 * Whether a certificate name covers an FQDN: equal (any case), or a SAN wildcard `*.dublin.contoso.com` covering
 * exactly one left-most label (RFC 6125 §6.4.3). docs/protocol.md §5: "a wildcard in the SAN is" supported.
 */
export function nameCovers(certificateName: string, fqdn: string): boolean {
  const name = certificateName.toLowerCase();
  const host = fqdn.toLowerCase();
  if (name === host) return true;
  if (!name.startsWith("*.")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot + 1) === name.slice(2);
}
