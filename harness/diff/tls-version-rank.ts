import { judgeRank, rankIn } from "./judge-rank.js";
import type { Judgement } from "./diff-entry.js";

/** TLS protocol versions as Node names them (`tlsSocket.getProtocol()`), oldest first: RFC 8996 deprecates 1.0 and 1.1. */
export const TLS_VERSIONS: readonly string[] = ["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

/** A TLS version older in run B than in run A is a security regression; newer an improvement. */
export function judgeTlsVersion(before: string | null, after: string | null): Judgement | null {
  return judgeRank(before, after, rankIn(TLS_VERSIONS), { worse: "security-regression", what: "TLS version" });
}
