/**
 * One certificate as evidence: what a report shows and what a server authorises a peer by (docs/protocol.md §5:
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
