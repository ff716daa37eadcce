/** Signature algorithm OIDs → the names OpenSSL prints, and the hash each one uses. */
export const SIGNATURE_ALGORITHMS: Record<string, { readonly name: string; readonly hash: string }> = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", hash: "md5" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "sha1" },
  "1.2.840.113549.1.1.10": { name: "rsassaPss", hash: "pss" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "sha256" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "sha384" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "sha512" },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "sha1" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "sha256" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "sha384" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "sha512" },
  "1.3.101.112": { name: "ED25519", hash: "none" },
  "1.3.101.113": { name: "ED448", hash: "none" },
};

/** Hashes no current TLS stack accepts in a certificate signature. */
export const WEAK_SIGNATURE_HASHES: readonly string[] = ["md5", "sha1"];
