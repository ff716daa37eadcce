import { X509Certificate } from "node:crypto";

/**
 * One certificate as evidence: what a report shows and what a server authorises a peer by (PROTOCOL.md §5:
 * "matches the peer certificate's subject/SAN names"). JSON-serialisable.
 */
export interface CertificateSummary {
  /** The Subject Name in certificate order, `"C=US, O=exum lab, CN=pool.contoso.com"`; `""` when empty. */
  subject: string;
  /** The Subject CN, or null when the Subject Name has none. */
  commonName: string | null;
  /** subjectAltName entries as OpenSSL prints them: `"DNS:pool.contoso.com"`, `"IP Address:127.0.0.1"`. */
  san: string[];
  /** The Issuer Name, same format as `subject`. */
  issuer: string;
  /** notBefore as an ISO 8601 string. */
  validFrom: string;
  /** notAfter as an ISO 8601 string. */
  validTo: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex. */
  fingerprint256: string;
  /** Serial number, upper-case hex. */
  serialNumber: string;
  /**
   * The certificate itself as PEM, where it is evidence to be judged again later (`exum certs lint host:port` lints
   * the peer chain of a dialled connection); absent elsewhere, so reports stay short.
   */
  pem?: string;
}

/** `"C=US\nO=exum lab\nCN=x"` (Node's multi-line form) → `"C=US, O=exum lab, CN=x"`. */
function oneLine(name: string): string {
  return name
    .split("\n")
    .filter((part) => part !== "")
    .join(", ");
}

function commonNameOf(subject: string): string | null {
  for (const line of subject.split("\n")) {
    if (line.startsWith("CN=")) return line.slice(3);
  }
  return null;
}

/**
 * Splits Node's `subjectAltName` text (`'DNS:a, DNS:"b, c", IP Address:127.0.0.1'`) into entries. Node quotes a
 * value that contains a comma or quote as a JSON string; the quotes are removed here.
 */
export function parseSubjectAltName(text: string | undefined): string[] {
  if (text === undefined || text === "") return [];
  const entries: string[] = [];
  const pattern = /([A-Za-z][A-Za-z ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const [, type, raw] = match;
    if (type === undefined || raw === undefined) break;
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1);
      }
    }
    entries.push(`${type}:${value}`);
    if (pattern.lastIndex >= text.length) break;
  }
  return entries;
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** Summarises one certificate (an `X509Certificate`, PEM text or DER bytes). */
export function summarizeCertificate(certificate: X509Certificate | string | Buffer): CertificateSummary {
  const x509 = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return {
    subject: oneLine(x509.subject),
    commonName: commonNameOf(x509.subject),
    san: parseSubjectAltName(x509.subjectAltName),
    issuer: oneLine(x509.issuer),
    validFrom: isoDate(x509.validFrom),
    validTo: isoDate(x509.validTo),
    fingerprint256: x509.fingerprint256,
    serialNumber: x509.serialNumber.toUpperCase(),
  };
}
