import { randomBytes } from "node:crypto";
import forge from "node-forge";
import {
  DEFAULT_EXT_KEY_USAGE,
  DEFAULT_HASH,
  DEFAULT_KEY_USAGE,
  DEFAULT_ORGANIZATION,
  DEFAULT_VALIDITY,
  type CertificateProfile,
} from "./certificate-profile.js";
import type { CertificateAuthority, IssuedCertificate } from "./issued-certificate.js";
import { generateRsaKeyPair } from "./key-pair.js";
import { nodeSigner } from "./node-signer.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Builds and signs one X.509 v3 certificate with node-forge. `signer` is the issuing CA, or `undefined` for a
 * self-signed certificate (a root CA, or the "self-signed" mistake).
 */
export function buildCertificate(profile: CertificateProfile, signer: CertificateAuthority | undefined): IssuedCertificate {
  const keyPair = profile.keyPair ?? generateRsaKeyPair(profile.keyBits);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keyPair.publicKeyPem);
  cert.serialNumber = serialNumber();

  const now = (profile.now ?? new Date()).getTime();
  const validity = { ...DEFAULT_VALIDITY, ...profile.validity };
  cert.validity.notBefore = new Date(now + validity.notBeforeDays * DAY_MS);
  cert.validity.notAfter = new Date(now + validity.notAfterDays * DAY_MS);

  const subject = subjectAttributes(profile);
  cert.setSubject(subject);
  const issuerCert = signer === undefined ? undefined : forge.pki.certificateFromPem(signer.certPem);
  cert.setIssuer(issuerCert === undefined ? subject : issuerCert.subject.attributes);

  cert.setExtensions(extensions(profile, cert, issuerCert, subject.length === 0));

  const md = forge.md[profile.hash ?? DEFAULT_HASH].create();
  cert.sign(nodeSigner(signer?.keyPem ?? keyPair.privateKeyPem), md);

  const certPem = normalizePem(forge.pki.certificateToPem(cert));
  if (signer === undefined) {
    return { certPem, keyPem: keyPair.privateKeyPem, chainPem: certPem, caPem: certPem };
  }
  return {
    certPem,
    keyPem: keyPair.privateKeyPem,
    chainPem: certPem + normalizePem(signer.certPem),
    caPem: signer.caPem,
  };
}

/** A positive random 128-bit serial (RFC 5280 §4.1.2.2: positive, at most 20 octets). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString("hex");
}

function subjectAttributes(profile: CertificateProfile): forge.pki.CertificateField[] {
  if (profile.commonName === undefined) return [];
  // UTF8String, not forge's default PrintableString, which cannot hold the "*" of a wildcard CN.
  const utf8 = forge.asn1.Type.UTF8;
  return [
    { shortName: "O", value: profile.organization ?? DEFAULT_ORGANIZATION, valueTagClass: utf8 },
    { shortName: "CN", value: profile.commonName, valueTagClass: utf8 },
  ] as unknown as forge.pki.CertificateField[];
}

function extensions(
  profile: CertificateProfile,
  cert: forge.pki.Certificate,
  issuerCert: forge.pki.Certificate | undefined,
  emptySubject: boolean,
): object[] {
  const isCa = profile.isCa === true;
  const list: object[] = [{ name: "basicConstraints", cA: isCa, critical: isCa }];
  const keyUsage = isCa ? ["keyCertSign", "cRLSign", "digitalSignature"] : (profile.keyUsage ?? DEFAULT_KEY_USAGE);
  list.push({ name: "keyUsage", critical: true, ...Object.fromEntries(keyUsage.map((usage) => [usage, true])) });
  const extKeyUsage = isCa ? [] : (profile.extKeyUsage ?? DEFAULT_EXT_KEY_USAGE);
  if (extKeyUsage.length > 0) {
    list.push({ name: "extKeyUsage", ...Object.fromEntries(extKeyUsage.map((usage) => [usage, true])) });
  }
  const dnsNames = profile.dnsNames ?? [];
  if (dnsNames.length > 0) {
    // RFC 5280 §4.2.1.6: with an empty Subject, subjectAltName must be critical.
    list.push({
      name: "subjectAltName",
      critical: emptySubject,
      altNames: dnsNames.map((value) => ({ type: 2, value })),
    });
  }
  list.push({ name: "subjectKeyIdentifier" });
  const authorityKey = (issuerCert ?? cert).generateSubjectKeyIdentifier().getBytes();
  list.push({ name: "authorityKeyIdentifier", keyIdentifier: authorityKey });
  return list;
}

/** forge writes CRLF line ends; everything else (and every test) expects LF. */
export function normalizePem(pem: string): string {
  const text = pem.replace(/\r\n/g, "\n");
  return text.endsWith("\n") ? text : `${text}\n`;
}
