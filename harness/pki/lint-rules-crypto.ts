import type { LintRule } from "./lint-rule.js";
import { WEAK_SIGNATURE_HASHES } from "./signature-algorithms.js";
import { signatureHashOf } from "./summarize-certificate.js";

/** Smallest key sizes current TLS stacks accept (OpenSSL 3 security level 2, Windows, browsers' CA rules). */
export const MIN_KEY_BITS: Record<string, number> = { rsa: 2048, "rsa-pss": 2048, ec: 256, ed25519: 256, ed448: 448 };

export const keySize: LintRule = {
  id: "key-size",
  severity: "error",
  scope: "certificate",
  title: "The key is strong enough (RSA at least 2048 bits, EC at least 256)",
  explanation:
    "Short keys are refused by current TLS stacks (OpenSSL 3 at security level 2, which Debian and RHEL use by " +
    "default, and Windows policy), so one side aborts the handshake. The lab ships an RSA-1024 certificate to show it.",
  source: {
    ref: "docs/design.md §8; [INF] OpenSSL 3 default security level",
    quote: "the deliberate mistakes the seeds warn about: … weak key",
  },
  fix: "Re-issue with an RSA 2048-bit (or larger) key; on Windows choose the key length in the certificate request.",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const minimum = MIN_KEY_BITS[leaf.keyType];
    const label = `${leaf.keyType.toUpperCase()} ${leaf.keyBits}${leaf.curve === undefined ? " bits" : ` (${leaf.curve})`}`;
    if (minimum === undefined) return { status: "skip", message: `unknown key type ${leaf.keyType}` };
    return leaf.keyBits >= minimum
      ? { status: "pass", message: label }
      : { status: "fail", message: `${label} is below ${minimum}` };
  },
};

export const signatureAlgorithm: LintRule = {
  id: "signature-algorithm",
  severity: "error",
  scope: "certificate",
  title: "The signature does not use SHA-1 or MD5",
  explanation:
    "Certificates signed with SHA-1 or MD5 are distrusted by current Windows, OpenSSL 3 (above security level 0) " +
    "and browsers: a peer may abort the handshake or a later update may suddenly break the integration.",
  source: {
    ref: "docs/design.md §8; [INF] OpenSSL 3 and Windows SHA-1 deprecation",
    quote: "the deliberate mistakes the seeds warn about: … weak key, wrong key usage",
  },
  fix: "Re-issue from a CA that signs with SHA-256 (on an AD CS CA: certutil -setreg ca\\csp\\CNGHashAlgorithm SHA256).",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const hash = signatureHashOf(leaf.signatureAlgorithm);
    return WEAK_SIGNATURE_HASHES.includes(hash)
      ? { status: "fail", message: `signed with ${leaf.signatureAlgorithm}` }
      : { status: "pass", message: leaf.signatureAlgorithm };
  },
};
