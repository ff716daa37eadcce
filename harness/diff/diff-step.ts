import type { StepResult } from "../model/run-result.js";
import type { FailoverEvidence, LintEvidence, ProbeEvidence, StepEvidence } from "../model/step-evidence.js";
import { diffCertificate } from "./diff-certificate.js";
import { changeOf, entryOf, type DiffContext } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { judgeLintRule, judgeLintVerdict } from "./judge-lint.js";
import { diffProbe } from "./diff-probe.js";
import { diffTls } from "./diff-tls.js";
import { judgeFailure } from "./judge-failure.js";
import { judgeVerdict } from "./judge-verdict.js";

function isProbe(evidence: StepEvidence): evidence is ProbeEvidence {
  return evidence.kind === "options" || evidence.kind === "call";
}

function diffLint(before: LintEvidence, after: LintEvidence, context: DiffContext): DiffEntry[] {
  const verdict = (lint: LintEvidence) => lint.verdict ?? "not linted";
  const rules = new Map(before.findings.map((finding) => [finding.ruleId, finding]));
  const ruleEntries = after.findings.flatMap((finding) =>
    entryOf("lint-rule", `rule ${finding.ruleId}`, rules.get(finding.ruleId)?.status ?? null, finding.status, judgeLintRule(rules.get(finding.ruleId)?.status ?? null, finding.status, finding.severity)),
  );
  return [
    ...entryOf("lint-verdict", null, verdict(before), verdict(after), judgeLintVerdict(before.verdict, after.verdict)),
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
