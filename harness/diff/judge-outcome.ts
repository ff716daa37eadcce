import type { ProbeResult } from "../model/probe-result.js";
import type { Judgement } from "./diff-entry.js";

/** A probe's outcome in run B against run A: ok or answered → failed is a regression, failed → ok or answered an improvement. */
export function judgeOutcome(before: ProbeResult["outcome"], after: ProbeResult["outcome"]): Judgement | null {
  if (before === after) return null;
  if (after === "failed") return { class: "regression", reason: `it ${before === "ok" ? "was answered 2xx" : "was answered"} in run A and failed in run B` };
  if (before === "failed") return { class: "improvement", reason: "it failed in run A and succeeds in run B" };
  return { class: "change", reason: `${before} in run A, ${after} in run B` };
}
