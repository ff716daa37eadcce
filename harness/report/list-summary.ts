import { terminalText } from "./escape-terminal.js";
import { renderMatrixText } from "./matrix-text.js";
import type { RunResult, VerdictCounts } from "../model/run-result.js";
import type { ListReporter, ReportsWritten } from "./list-reporter.js";
import { REPORT_FILES } from "./reporter-name.js";
import { stepStory } from "./step-story.js";
import { durationText } from "../model/duration-text.js";
import type { Verdict } from "../model/verdict.js";

const MARK: Readonly<Record<Verdict, string>> = { passed: "✓", failed: "✗", error: "!", skipped: "-" };

function counts(counted: VerdictCounts): string {
  return `${counted.total} (${counted.passed} passed, ${counted.failed} failed, ${counted.error} error${counted.error === 1 ? "" : "s"}, ${counted.skipped} skipped)`;
}

/**
 * The `list` reporter: the run in the terminal after it ends — one line per scenario, and under a scenario that did
 * not pass each step that did not, with its unmet expectations and the fix; the matrix grid when the run has one; the
 * counts. Plain text, a peer's text made harmless for the terminal (escape-terminal.ts).
 */
export function renderListSummary(run: RunResult, notes: readonly string[] = []): string {
  const t = terminalText;
  const target = run.target.kind === "lab" ? `the embedded lab (${run.target.topology})` : `site ${run.target.name ?? run.target.file}`;
  const lines = [`exum ${run.matrix === undefined ? "run" : "matrix"} ${t(run.runId)} against ${t(target)}: ${run.summary.verdict.toUpperCase()} in ${durationText(run.durationMs)}${run.interrupted ? " (interrupted)" : ""}`];
  for (const scenario of run.scenarios) {
    const extra =
      scenario.skipReason !== null ? ` — skipped: ${t(scenario.skipReason)}` : scenario.error !== null ? ` — error ${t(scenario.error.code)}: ${t(scenario.error.message)}` : ` (${scenario.steps.length} step${scenario.steps.length === 1 ? "" : "s"})`;
    lines.push(`  ${MARK[scenario.verdict]} ${t(scenario.id)} — ${t(scenario.name)}${extra}`);
    if (scenario.verdict === "passed" || scenario.verdict === "skipped") continue;
    for (const step of scenario.steps) {
      if (step.verdict === "passed" || step.verdict === "skipped") continue;
      const story = stepStory(step);
      lines.push(`      ${MARK[step.verdict]} ${t(step.path)} ${t(step.name)}: ${t(story.headline)}`);
      for (const expectation of story.expectations) if (!expectation.met) lines.push(`          not met: ${t(expectation.text)}`);
      if (step.error !== null) lines.push(`          harness error ${t(step.error.code)}: ${t(step.error.message)}`);
      if (story.fix !== null) {
        lines.push(`          fix: ${t(story.fix.action)}`);
        for (const command of story.fix.commands) lines.push(`            ${t(command)}`);
      }
    }
  }
  if (run.matrix !== undefined) lines.push("", renderMatrixText(run.matrix).trimEnd());
  lines.push(
    "",
    `scenarios: ${counts(run.summary.scenarios)} · steps: ${counts(run.summary.steps)} · expectations: ${run.summary.expectations.met} of ${run.summary.expectations.total} met`,
  );
  for (const note of notes) lines.push(`note: ${t(note)}`);
  return `${lines.join("\n")}\n`;
}

/** The notes the whole-run list ends with: what failed, where the reports are, the runner's notes. */
function summaryNotes(written: ReportsWritten): string[] {
  const reports = written.files.map((file) => file.slice(written.dir.length + 1)).filter((name) => Object.values(REPORT_FILES).includes(name));
  return [
    ...written.failed.map((failure) => `the ${failure.reporter} report was not written (${failure.message})`),
    ...(reports.length === 0 ? [] : [`reports in ${written.dir}: ${reports.join(", ")}`]),
    ...written.notes,
  ];
}

/** The list reporter of a run shown when it is whole (`exum matrix`, `exum report`): nothing until it ends. */
export function summaryListReporter(out: (text: string) => void): ListReporter {
  return {
    runStarted: () => undefined,
    scenarioFinished: () => undefined,
    runFinished: (run, written) => out(renderListSummary(run, summaryNotes(written))),
  };
}

