import { judgeRank } from "./judge-rank.js";
import type { Judgement } from "./diff-entry.js";

/**
 * How strong an SRTP crypto suite is (RFC 4568 §6.2, RFC 6188, RFC 7714): first by its authentication tag — an 80-bit
 * HMAC-SHA1 tag or an AEAD's 128-bit tag above a 32-bit tag, the one RFC 4568 §6.2 calls weaker — then by key size.
 * Null for a name none of those RFCs define.
 */
export function srtpSuiteRank(suite: string): number | null {
  const aead = /^AEAD_AES_(128|256)_GCM$/.exec(suite);
  if (aead !== null) return 1000 + Number(aead[1]);
  const cm = /^AES_(?:CM_)?(128|192|256)(?:_CM)?_HMAC_SHA1_(32|80)$/.exec(suite);
  if (cm === null) return null;
  return (cm[2] === "80" ? 1000 : 0) + Number(cm[1]);
}

/** A weaker SRTP suite in run B is a security regression (the media is less protected); a stronger one an improvement. */
export function judgeSrtpSuite(before: string | null, after: string | null): Judgement | null {
  return judgeRank(before, after, srtpSuiteRank, { worse: "security-regression", what: "SRTP suite" });
}
