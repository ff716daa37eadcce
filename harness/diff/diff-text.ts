import { terminalText } from "../report/escape-terminal.js";
import type { DiffClass } from "./diff-class.js";
import type { DiffEntry } from "./diff-entry.js";
import { ASPECT_LABELS, CLASS_LABELS, countsText, scopeText, valueText } from "./diff-labels.js";
import type { DiffSide, RunDiff } from "./run-diff.js";

const WIDTH = Math.max(...Object.values(CLASS_LABELS).map((label) => label.length));

/** The class as the terminal shows it: upper case for what got worse, so it stands out without colour. */
function classText(diffClass: DiffClass): string {
  const label = diffClass === "security-regression" || diffClass === "regression" ? CLASS_LABELS[diffClass].toUpperCase() : CLASS_LABELS[diffClass];
  return label.padEnd(WIDTH);
}

function entryLine(entry: DiffEntry, indent: string): string {
  const where = entry.place === null ? "" : `, ${terminalText(entry.place)}`;
  return `${indent}${classText(entry.class)}  ${ASPECT_LABELS[entry.aspect]}${where}: ${terminalText(valueText(entry.before))} → ${terminalText(valueText(entry.after))} — ${terminalText(entry.reason)}`;
}

function sideText(name: string, side: DiffSide): string {
  return `run ${name}: ${terminalText(side.file)} (${terminalText(side.runId)}, started ${terminalText(side.startedAt)})`;
}

/**
 * `exum diff` on the terminal: which runs, the counts by class, then per scenario and step every difference with its
 * class, the value in run A and in run B, and why. Everything from the files goes through terminalText (a peer's
 * certificate subject cannot move the cursor). A pure function of the diff.
 */
export function renderDiffText(diff: RunDiff): string {
  const lines = [sideText("A", diff.a), sideText("B", diff.b), ""];
  if (diff.scenarios.length === 0) {
    lines.push(`No differences in what was negotiated: ${diff.compared} scenario${diff.compared === 1 ? "" : "s"} compared.`);
    return `${lines.join("\n")}\n`;
  }
  for (const scenario of diff.scenarios) {
    lines.push(`${terminalText(scenario.id)}: ${terminalText(scenario.name)}`);
    for (const entry of scenario.changes) lines.push(entryLine(entry, "  "));
    for (const step of scenario.steps) {
      lines.push(`  ${terminalText(step.path)} ${terminalText(step.name)}`);
      for (const entry of step.changes) lines.push(entryLine(entry, "    "));
    }
    lines.push("");
  }
  lines.push(`${countsText(diff.counts)}: ${scopeText(diff.scenarios.length, diff.compared)}; certificate expiry warning: ${diff.expiryWarningDays} days.`);
  return `${lines.join("\n")}\n`;
}
