import { mdCode, mdTable, mdText as markdownText } from "../report/escape-markdown.js";
import { terminalText } from "../report/escape-terminal.js";
import type { DiffClass } from "./diff-class.js";
import type { DiffEntry } from "./diff-entry.js";
import { ASPECT_LABELS, CLASS_LABELS, countsText, scopeText, valueText } from "./diff-labels.js";
import type { DiffSide, RunDiff, ScenarioDiff } from "./run-diff.js";

/** Text from the files as Markdown: control characters shown as `\xNN` too, so the file is safe to `cat` as well. */
function mdText(text: string, options: { atLineStart?: boolean } = {}): string {
  return markdownText(terminalText(text), options);
}

const ICON: Readonly<Record<DiffClass, string>> = { "security-regression": "🔓", regression: "❌", improvement: "✅", change: "↔️" };

function targetText(side: DiffSide): string {
  return side.target.kind === "lab" ? `the embedded lab (${mdText(side.target.topology)})` : `site ${mdText(side.target.name ?? side.target.file)}`;
}

function row(step: string, entry: DiffEntry): string[] {
  const what = `${ASPECT_LABELS[entry.aspect]}${entry.place === null ? "" : `, ${mdText(entry.place)}`}`;
  const value = (text: string | null) => mdText(valueText(text));
  return [`${ICON[entry.class]} ${CLASS_LABELS[entry.class]}`, step, what, value(entry.before), value(entry.after), mdText(entry.reason)];
}

function scenarioMarkdown(scenario: ScenarioDiff): string[] {
  const rows = [...scenario.changes.map((entry) => row("—", entry)), ...scenario.steps.flatMap((step) => step.changes.map((entry) => row(`${mdCode(step.path, { inTable: true })} ${mdText(step.name)}`, entry)))];
  return ["", `## ${mdText(scenario.id, { atLineStart: true })}: ${mdText(scenario.name)}`, "", mdTable(["class", "step", "what", "run A", "run B", "why"], rows)];
}

/**
 * The diff for a change ticket (`exum diff --markdown <file>`): the two runs, the counts by class, then one table per
 * scenario. Everything from the files is escaped (escape-markdown.ts). A pure function of the diff.
 */
export function renderDiffMarkdown(diff: RunDiff): string {
  const lines = [
    "# exum diff",
    "",
    mdTable(
      ["", "file", "run", "started", "against"],
      [
        ["run A (baseline)", mdCode(diff.a.file, { inTable: true }), mdCode(diff.a.runId, { inTable: true }), mdText(diff.a.startedAt), targetText(diff.a)],
        ["run B", mdCode(diff.b.file, { inTable: true }), mdCode(diff.b.runId, { inTable: true }), mdText(diff.b.startedAt), targetText(diff.b)],
      ],
    ),
    "",
    diff.scenarios.length === 0
      ? `No differences in what was negotiated: ${diff.compared} scenario${diff.compared === 1 ? "" : "s"} compared.`
      : `**${countsText(diff.counts)}**: ${scopeText(diff.scenarios.length, diff.compared)}; certificate expiry warning: ${diff.expiryWarningDays} days.`,
  ];
  for (const scenario of diff.scenarios) lines.push(...scenarioMarkdown(scenario));
  return `${lines.join("\n")}\n`;
}
