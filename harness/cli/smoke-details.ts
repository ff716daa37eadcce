import { terminalText } from "../report/escape-terminal.js";
import { durationText } from "../model/duration-text.js";
import type { ScenarioResult, StepResult } from "../model/run-result.js";

const LABEL = { passed: "ok     ", failed: "FAILED ", error: "ERROR  ", skipped: "skipped" } as const;

/** What a check that did not pass saw: the failure code, the final status, the certificate rules that failed. */
function seenLines(step: StepResult): string[] {
  const evidence = step.evidence;
  if (step.verdict === "passed" || step.verdict === "skipped" || evidence === null) return [];
  const lines: string[] = [];
  if (evidence.kind === "options" || evidence.kind === "call") {
    if (evidence.failure !== null) lines.push(`saw ${evidence.failure.code}: ${terminalText(evidence.failure.message)}`);
    else if (evidence.status !== null) lines.push(`saw ${evidence.status}${evidence.reason === null ? "" : ` ${terminalText(evidence.reason)}`}`);
  } else if (evidence.kind === "certs") {
    if (evidence.failure !== null) lines.push(`saw ${evidence.failure.code}: ${terminalText(evidence.failure.message)}`);
    for (const finding of evidence.findings.filter((entry) => entry.status === "fail")) {
      lines.push(`${finding.ruleId} (${finding.severity}): ${terminalText(finding.message)}`);
      if (finding.fix !== undefined) lines.push(`  fix: ${finding.fix}`);
    }
  }
  return lines.map((line) => `          ${line}`);
}

/**
 * `exum smoke`'s lines under a check as it finishes: each step with its verdict and time, and for a step that did not
 * pass what it saw (the list reporter's details say what was expected).
 */
export function smokeStepLines(scenario: ScenarioResult): string[] {
  return scenario.steps.flatMap((step) => {
    const time = step.verdict === "skipped" && step.startedAt === null ? "" : ` (${durationText(step.durationMs)})`;
    return [`      ${LABEL[step.verdict]} ${step.name}${time}`, ...seenLines(step)];
  });
}
