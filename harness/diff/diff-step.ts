import type { StepResult } from "../model/run-result.js";
import type { FailoverEvidence, LintEvidence, ProbeEvidence, StepEvidence } from "../model/step-evidence.js";
import { diffCertificate } from "./diff-certificate.js";
import { changeOf, entryOf, type DiffContext } from "./diff-context.js";
import type { DiffEntry, Judgement } from "./diff-entry.js";
import { diffProbe } from "./diff-probe.js";
import { diffTls } from "./diff-tls.js";
import { judgeFailure } from "./judge-failure.js";
import { judgeVerdict } from "./judge-verdict.js";

function isProbe(evidence: StepEvidence): evidence is ProbeEvidence {
  return evidence.kind === "options" || evidence.kind === "call";
}

/** A lint rule's result in run B against run A: an error rule that now fails is a regression (a warning's a change). */
function judgeRule(before: string | null, after: string | null, severity: "error" | "warning"): Judgement | null {
  if (before === after) return null;
  if (after === "fail") return severity === "error" ? { class: "regression", reason: "an error rule that now fails" } : { class: "change", reason: "a warning that now fails" };
  if (before === "fail" && after === "pass") return { class: "improvement", reason: "the rule passes in run B" };
  return { class: "change", reason: `${before ?? "absent"} in run A, ${after ?? "absent"} in run B` };
}

function diffLint(before: LintEvidence, after: LintEvidence, context: DiffContext): DiffEntry[] {
  const verdict = (lint: LintEvidence) => lint.verdict ?? "not linted";
  const verdictJudgement: Judgement | null =
    before.verdict === after.verdict
      ? null
      : after.verdict === "fail"
        ? { class: "regression", reason: "the certificate no longer passes the UM/Lync rules" }
        : before.verdict === "fail" && after.verdict === "pass"
          ? { class: "improvement", reason: "the certificate passes the UM/Lync rules in run B" }
          : { class: "change", reason: "the certificate was not linted in one run" };
  const rules = new Map(before.findings.map((finding) => [finding.ruleId, finding]));
  const ruleEntries = after.findings.flatMap((finding) =>
    entryOf("lint-rule", `rule ${finding.ruleId}`, rules.get(finding.ruleId)?.status ?? null, finding.status, judgeRule(rules.get(finding.ruleId)?.status ?? null, finding.status, finding.severity)),
  );
  return [
    ...entryOf("lint-verdict", null, verdict(before), verdict(after), verdictJudgement),
    ...entryOf("failure", null, before.failure?.code ?? null, after.failure?.code ?? null, judgeFailure(before.failure?.code ?? null, after.failure?.code ?? null)),
    ...ruleEntries,
    ...diffTls(before.tls, after.tls, "connection", context),
    ...(before.tls === null && after.tls === null ? diffCertificate(before.certificate, after.certificate, "certificate", context) : []),
  ];
}

function diffFailover(before: FailoverEvidence, after: FailoverEvidence, context: DiffContext): DiffEntry[] {
  const entries: DiffEntry[] = [
    ...changeOf("served-by", null, before.servedBy, after.servedBy, "server that answered"),
    ...entryOf("failure", null, before.failure?.code ?? null, after.failure?.code ?? null, judgeFailure(before.failure?.code ?? null, after.failure?.code ?? null)),
  ];
  const paired = Math.min(before.attempts.length, after.attempts.length);
  for (let index = 0; index < paired; index++) {
    const [a, b] = [before.attempts[index], after.attempts[index]];
    if (a === undefined || b === undefined) continue;
    const place = `attempt ${index + 1} ${a.server === b.server ? b.server : `${a.server} in run A, ${b.server} in run B`}`;
    entries.push(...diffProbe(a.evidence, b.evidence, place, context));
  }
  return entries;
}

/** What two runs' evidence of one step have different (lab and wait steps: the scenario's own actions, nothing negotiated). */
function diffEvidence(before: StepEvidence | null, after: StepEvidence | null, context: DiffContext): DiffEntry[] {
  if (before === null || after === null) return [];
  if (isProbe(before) && isProbe(after)) return diffProbe(before, after, null, context);
  if (before.kind === "certs" && after.kind === "certs") return diffLint(before, after, context);
  if (before.kind === "failover" && after.kind === "failover") return diffFailover(before, after, context);
  return [];
}

/**
 * One step in run A against the step at the same path in run B: its verdict (judge-verdict.ts), then its evidence. A
 * step of another kind at that path (the scenario was edited) is one change and nothing more.
 */
export function diffStep(before: StepResult, after: StepResult, context: DiffContext): DiffEntry[] {
  if (before.kind !== after.kind) return changeOf("step", null, `${before.kind} step`, `${after.kind} step`, "kind of step (the scenario was edited)");
  return [...entryOf("verdict", null, before.verdict, after.verdict, judgeVerdict(before.verdict, after.verdict)), ...diffEvidence(before.evidence, after.evidence, context)];
}
