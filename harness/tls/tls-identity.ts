/**
 * Who we are on a TLS connection: the certificate we present and its key. Loaded from PEM files or a PFX by the
 * caller (harness/pki, harness/cli); this layer only uses the PEM text.
 */
export interface TlsIdentity {
  /** The leaf certificate first, then its intermediates (what we send in our Certificate message). */
  certPem: string;
  /** The private key of the leaf, unencrypted PEM. Never logged. */
  keyPem: string;
  /** A name for messages and logs ("pool persona", "--cert pool.pem"); never the key. */
  label?: string;
}
