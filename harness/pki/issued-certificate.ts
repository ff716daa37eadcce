/**
 * A certificate and its key as PEM, with what a TLS stack needs beside them.
 * A {@link CertificateAuthority} is one of these too, so a CA can issue and be issued.
 */
export interface IssuedCertificate {
  /** The certificate alone. */
  readonly certPem: string;
  /** Its private key (PKCS#8). Never log it. */
  readonly keyPem: string;
  /** The certificate followed by its issuer (what a server sends); the certificate alone when self-signed. */
  readonly chainPem: string;
  /** The root the chain ends at: what a peer puts in its trust list. Its own certificate when self-signed. */
  readonly caPem: string;
}

/** A certificate that may sign others (basicConstraints cA, keyCertSign). */
export type CertificateAuthority = IssuedCertificate;
