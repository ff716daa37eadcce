import { X509Certificate, createHash } from "node:crypto";
import { inputError } from "../errors/harness-error.js";
import type { CertificateSummary } from "./certificate-summary.js";
import { readCertificateFields, type DnAttribute } from "./certificate-fields.js";
import { pemToDer } from "./pem.js";
import { SIGNATURE_ALGORITHMS } from "./signature-algorithms.js";

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

/**
 * The facts of one certificate (PEM): names, validity, key, signature, usages, fingerprints.
 * Throws an input error (`EXUM_NOT_A_CERTIFICATE`) when `pem` is not a certificate.
 */
export function summarizeCertificate(pem: string): CertificateSummary {
  const der = pemToDer(pem);
  let x509: X509Certificate;
  let fields: ReturnType<typeof readCertificateFields>;
  try {
    x509 = new X509Certificate(der);
    fields = readCertificateFields(der);
  } catch (cause) {
    throw inputError("EXUM_NOT_A_CERTIFICATE", "the text given is not an X.509 certificate", {
      hint: "pass a PEM block starting with -----BEGIN CERTIFICATE-----",
      cause,
    });
  }
  const details = x509.publicKey.asymmetricKeyDetails ?? {};
  const keyType = x509.publicKey.asymmetricKeyType ?? "unknown";
  const curve = details.namedCurve;
  const keyBits = details.modulusLength ?? (curve !== undefined ? (CURVE_BITS[curve] ?? 0) : keyType === "ed25519" ? 256 : 0);
  return {
    subject: formatName(fields.subject),
    commonName: lastCommonName(fields.subject),
    san: fields.dnsNames,
    sanIps: fields.ipAddresses,
    issuer: formatName(fields.issuer),
    issuerCommonName: lastCommonName(fields.issuer),
    validFrom: isoOrInvalid(fields.notBefore),
    validTo: isoOrInvalid(fields.notAfter),
    fingerprint256: x509.fingerprint256,
    thumbprint: createHash("sha1").update(der).digest("hex").toUpperCase(),
    serialNumber: fields.serialNumber,
    keyType,
    keyBits,
    ...(curve === undefined ? {} : { curve }),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[fields.signatureOid]?.name ?? fields.signatureOid,
    // Not x509.checkIssued(x509): OpenSSL also demands keyCertSign there, which a self-signed leaf lacks.
    selfSigned: x509.subject === x509.issuer && safeVerify(x509),
    isCa: x509.ca,
    keyUsage: fields.keyUsage,
    extKeyUsage: fields.extKeyUsage,
  };
}

/** The hash of a summary's signature algorithm (`sha1`, `sha256`, …), or `unknown`. */
export function signatureHashOf(signatureAlgorithm: string): string {
  for (const algorithm of Object.values(SIGNATURE_ALGORITHMS)) {
    if (algorithm.name === signatureAlgorithm) return algorithm.hash;
  }
  return "unknown";
}

function safeVerify(x509: X509Certificate): boolean {
  try {
    return x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/** RFC 4514 order (most specific first), `CN=…, O=…`. */
function formatName(attributes: readonly DnAttribute[]): string {
  return [...attributes]
    .reverse()
    .map((attribute) => `${attribute.shortName}=${attribute.value}`)
    .join(", ");
}

/** The most specific CN, which is what Windows shows as "Issued to". */
function lastCommonName(attributes: readonly DnAttribute[]): string | undefined {
  return attributes.filter((attribute) => attribute.shortName === "CN").at(-1)?.value;
}

function isoOrInvalid(date: Date): string {
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
}
