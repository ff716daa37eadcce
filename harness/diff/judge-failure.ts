import type { Judgement } from "./diff-entry.js";

/**
 * A failure code (docs/failure-codes.md, or an RTP one of docs/media.md §7) in run B against run A: a code run A did not
 * end with — none before, or another one — is a regression; a failure gone is an improvement.
 */
export function judgeFailure(before: string | null, after: string | null): Judgement | null {
  if (before === after) return null;
  if (after === null) return { class: "improvement", reason: `the failure ${before ?? ""} is gone` };
  return { class: "regression", reason: before === null ? `a new failure: ${after}` : `a new failure code: ${after} where run A had ${before}` };
}
