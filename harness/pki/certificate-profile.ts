import type { CertificateAuthority } from "./issued-certificate.js";
import type { KeyPairPem } from "./key-pair.js";

/** keyUsage bits (RFC 5280 §4.2.1.3) a profile may ask for. */
export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign";

/** extendedKeyUsage purposes (RFC 5280 §4.2.1.12) a profile may ask for. */
export type ExtKeyUsageName = "serverAuth" | "clientAuth" | "codeSigning" | "emailProtection";

/** Signature hash of the issuer's RSA signature. */
export type SignatureHash = "sha256" | "sha384" | "sha512" | "sha1";

/** Validity as offsets in days from now (negative = in the past). */
export interface ValidityOffsets {
  /** @defaultValue -1 (yesterday, so clock skew never makes a fresh certificate "not yet valid") */
  readonly notBeforeDays?: number;
  /** @defaultValue 825 */
  readonly notAfterDays?: number;
}

/**
 * What one certificate should look like. The defaults make a certificate Exchange UM and Lync accept
 * (docs/protocol.md §5): FQDN in CN and SAN, RSA 2048, SHA-256, server and client authentication.
 */
export interface CertificateProfile {
  /** Subject CN. `undefined` leaves the Subject Name empty. */
  readonly commonName?: string;
  /** Subject organisation (O). @defaultValue "exum lab" */
  readonly organization?: string;
  /** subjectAltName dNSName entries. @defaultValue [] (no SAN extension) */
  readonly dnsNames?: readonly string[];
  /** @defaultValue ["digitalSignature", "keyEncipherment"] */
  readonly keyUsage?: readonly KeyUsageName[];
  /** @defaultValue ["serverAuth", "clientAuth"]; an empty list leaves the extension out. */
  readonly extKeyUsage?: readonly ExtKeyUsageName[];
  /** @defaultValue { notBeforeDays: -1, notAfterDays: 825 } */
  readonly validity?: ValidityOffsets;
  /** @defaultValue "sha256" */
  readonly hash?: SignatureHash;
  /** RSA modulus size. @defaultValue 2048 */
  readonly keyBits?: number;
  /** Sign with its own key instead of the CA's (issuer = subject, not a CA). @defaultValue false */
  readonly selfSigned?: boolean;
  /** Sign with this CA instead of the one passed to issueCertificate (the "signed by another CA" mistake). */
  readonly issuer?: CertificateAuthority;
  /** Make it a CA (basicConstraints cA, keyCertSign, cRLSign). @defaultValue false */
  readonly isCa?: boolean;
  /** Use this key instead of generating one (lets callers generate keys in parallel). */
  readonly keyPair?: KeyPairPem;
  /** "Now" for the validity offsets; tests pin it. @defaultValue new Date() */
  readonly now?: Date;
}

export const DEFAULT_KEY_USAGE: readonly KeyUsageName[] = ["digitalSignature", "keyEncipherment"];
export const DEFAULT_EXT_KEY_USAGE: readonly ExtKeyUsageName[] = ["serverAuth", "clientAuth"];
export const DEFAULT_VALIDITY: Required<ValidityOffsets> = { notBeforeDays: -1, notAfterDays: 825 };
export const DEFAULT_HASH: SignatureHash = "sha256";
export const DEFAULT_ORGANIZATION = "exum lab";
