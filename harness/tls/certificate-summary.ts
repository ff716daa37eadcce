import type { CertificateSummary } from "../model/certificate-summary.js";
import { X509Certificate } from "node:crypto";
import { BoundedCache } from "../model/bounded-cache.js";

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

/**
 * Summaries already made, by the certificate's DER (or PEM) text. A run meets the same few certificates on every
 * connection (each lab server's, each persona's) and OpenSSL's parse behind `new X509Certificate` was a tenth of a
 * run's CPU (docs/design.md §10): each is parsed once.
 */
const summaries = new BoundedCache<string, CertificateSummary>(512);

function keyOf(certificate: X509Certificate | string | Buffer): string {
  if (typeof certificate === "string") return certificate;
  return (certificate instanceof X509Certificate ? certificate.raw : certificate).toString("latin1");
}

/** Summarises one certificate (an `X509Certificate`, PEM text or DER bytes). */
export function summarizeCertificate(certificate: X509Certificate | string | Buffer): CertificateSummary {
  const summary = summaries.get(keyOf(certificate), () =>
    summarize(certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate)),
  );
  // A copy: callers add `pem` or keep the object in their evidence.
  return { ...summary, san: [...summary.san] };
}

function summarize(x509: X509Certificate): CertificateSummary {
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
