import type { LintEvidence, LintFindingEvidence } from "../model/step-evidence.js";
import type { Judgement } from "./diff-entry.js";

/** A certs step's lint verdict in run B against run A: pass → fail is a regression, fail → pass an improvement. */
export function judgeLintVerdict(before: LintEvidence["verdict"], after: LintEvidence["verdict"]): Judgement | null {
  if (before === after) return null;
  if (after === "fail") return { class: "regression", reason: "the certificate no longer passes the UM/Lync rules" };
  if (before === "fail" && after === "pass") return { class: "improvement", reason: "the certificate passes the UM/Lync rules in run B" };
  return { class: "change", reason: "the certificate was not linted in one run" };
}

/**
 * One lint rule's status in run B against run A: an error-severity rule that now fails is a regression (a warning
 * never fails a lint, so a warning that now fails is a change), a rule that failed and passes an improvement.
 */
export function judgeLintRule(before: LintFindingEvidence["status"] | null, after: LintFindingEvidence["status"] | null, severity: LintFindingEvidence["severity"]): Judgement | null {
  if (before === after) return null;
  if (after === "fail") return severity === "error" ? { class: "regression", reason: "an error rule that now fails" } : { class: "change", reason: "a warning that now fails" };
  if (before === "fail" && after === "pass") return { class: "improvement", reason: "the rule passes in run B" };
  return { class: "change", reason: `${before ?? "absent"} in run A, ${after ?? "absent"} in run B` };
}
