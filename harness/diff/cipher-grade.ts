import { judgeRank } from "./judge-rank.js";
import type { Judgement } from "./diff-entry.js";

/**
 * How strong a TLS cipher suite is, from its IANA name (`standardName`, e.g. `TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`)
 * or OpenSSL's (`ECDHE-RSA-AES256-GCM-SHA384`), in four grades:
 * - 0 broken: NULL, EXPORT, anonymous, RC4, single DES or MD5 (RFC 7465 forbids RC4; RFC 8996 era);
 * - 1 weak: no forward secrecy (static RSA key exchange) or 3DES;
 * - 2 acceptable: forward secrecy (ECDHE/DHE) with a CBC cipher;
 * - 3 strong: forward secrecy with an AEAD (GCM, CCM, ChaCha20-Poly1305) — every TLS 1.3 suite (RFC 8446 §9.1).
 * Two suites of one grade (AES-128 and AES-256 GCM) are neither stronger nor weaker here.
 */
export function cipherGrade(name: string): number {
  const upper = name.toUpperCase().replace(/-/g, "_");
  const tripleDes = /3DES|DES_EDE|DES_CBC3/.test(upper);
  if (/(^|_)(NULL|EXPORT|EXP|ANON|ADH|AECDH|RC4|MD5)(_|$)/.test(upper) || (/(^|_)DES(_CBC)?(_|$)/.test(upper) && !tripleDes)) return 0;
  if (tripleDes) return 1;
  const tls13 = /^TLS_(AES_\d+_(GCM|CCM)|CHACHA20_POLY1305)/.test(upper);
  const forwardSecret = tls13 || /(^|_)(ECDHE|DHE|EDH|EECDH)(_|$)/.test(upper);
  if (!forwardSecret) return 1;
  return tls13 || /GCM|CCM|CHACHA20|POLY1305/.test(upper) ? 3 : 2;
}

const GRADE_NAMES = ["broken", "weak (no forward secrecy or 3DES)", "acceptable (forward secrecy, CBC)", "strong (forward secrecy, AEAD)"];

/** A cipher of a lower grade in run B than in run A is a security regression; a higher grade an improvement. */
export function judgeCipher(before: string | null, after: string | null): Judgement | null {
  const judged = judgeRank(before, after, cipherGrade, { worse: "security-regression", what: "cipher" });
  if (judged === null || before === null || after === null || judged.class === "change") return judged;
  return { ...judged, reason: `${judged.reason}: ${GRADE_NAMES[cipherGrade(after)]} against ${GRADE_NAMES[cipherGrade(before)]}` };
}
