import type { Verdict } from "../model/verdict.js";
import type { Judgement } from "./diff-entry.js";

/**
 * A step's or scenario's verdict in run B against run A: passed → failed or error is a regression (what worked stopped
 * working), failed or error → passed an improvement; anything to or from skipped — or failed ↔ error — a change (it did
 * not run to a verdict both times, or it did not work either time).
 */
export function judgeVerdict(before: Verdict | null, after: Verdict | null): Judgement | null {
  if (before === after) return null;
  if (before === "passed" && (after === "failed" || after === "error")) return { class: "regression", reason: `it passed in run A and is ${after} in run B` };
  if ((before === "failed" || before === "error") && after === "passed") return { class: "improvement", reason: `it was ${before} in run A and passes in run B` };
  return { class: "change", reason: `${before ?? "absent"} in run A, ${after ?? "absent"} in run B` };
}
