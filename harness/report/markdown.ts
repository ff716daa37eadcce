import { mdCode, mdFence, mdTable, mdText } from "./escape-markdown.js";
import { renderMatrixMarkdown } from "./matrix-markdown.js";
import type { LabEvent } from "../model/lab-event.js";
import type { RunResult, ScenarioResult, StepResult, VerdictCounts } from "../model/run-result.js";
import { stepStory } from "./step-story.js";
import { durationText } from "../model/duration-text.js";
import type { Verdict } from "../model/verdict.js";

const ICON: Readonly<Record<Verdict, string>> = { passed: "✅", failed: "❌", error: "💥", skipped: "⏭️" };

function counts(counted: VerdictCounts): string {
  return `${counted.passed} passed, ${counted.failed} failed, ${counted.error} error${counted.error === 1 ? "" : "s"}, ${counted.skipped} skipped`;
}

function target(run: RunResult): string {
  return run.target.kind === "lab" ? `the embedded lab (${mdText(run.target.topology)})` : `site ${mdText(run.target.name ?? run.target.file)} (${mdCode(run.target.file)})`;
}

function eventsMarkdown(events: readonly LabEvent[], caption: string): string[] {
  if (events.length === 0) return [];
  return [
    "",
    `${caption}:`,
    "",
    mdTable(
      ["time", "server", "event", "level", "message"],
      events.map((event) => [mdCode(event.at, { inTable: true }), mdText(event.server), String(event.eventId), mdText(event.level), mdText(event.message)]),
    ),
  ];
}

function stepMarkdown(step: StepResult): string[] {
  const story = stepStory(step);
  const lines = ["", `#### ${ICON[step.verdict]} ${mdText(step.path)} · ${mdText(step.name)} — ${step.verdict}`, "", mdText(story.headline, { atLineStart: true })];
  if (story.expectations.length > 0) {
    lines.push("", ...story.expectations.map((expectation) => `- ${expectation.met ? "✓" : "✗ **not met:**"} ${mdText(expectation.text)}`));
  }
  if (step.error !== null) lines.push("", `**Harness error** ${mdCode(step.error.code)}: ${mdText(step.error.message)}${step.error.hint === null ? "" : ` — ${mdText(step.error.hint)}`}`);
  if (story.fix !== null) {
    const why = story.failure === null ? "" : ` (${mdCode(story.failure.code)}${story.reason === null ? "" : `, reason ${mdCode(story.reason)}`})`;
    lines.push("", `> **Why:** ${mdText(story.fix.problem)}${why}`, ">", `> **Fix:** ${mdText(story.fix.action)}`);
    if (story.fix.commands.length > 0) lines.push(">", ...mdFence(story.fix.commands.join("\n"), "powershell").split("\n").map((line) => `> ${line}`));
    lines.push(">", `> Source: ${mdText(story.fix.source)}`);
  } else if (story.failure !== null) {
    lines.push("", `**Failure** ${mdCode(story.failure.code)}: ${mdText(story.failure.message)}`);
  }
  for (const finding of story.findings) {
    lines.push("", `- **${mdText(finding.title)}**: ${mdText(finding.message)}${finding.fix === null ? "" : ` **Fix:** ${mdText(finding.fix)}`}`);
  }
  return lines;
}

function scenarioMarkdown(scenario: ScenarioResult): string[] {
  const lines = [
    "",
    `### ${ICON[scenario.verdict]} ${mdText(scenario.name)} — ${scenario.verdict}`,
    "",
    mdText(scenario.summary, { atLineStart: true }),
    "",
    `${mdCode(scenario.file)}${scenario.tags.length === 0 ? "" : ` · tags: ${scenario.tags.map((tag) => mdText(tag)).join(", ")}`}${scenario.durationMs > 0 ? ` · ${durationText(scenario.durationMs)}` : ""}${
      scenario.capture == null ? "" : ` · capture ${mdCode(scenario.capture)}`
    }`,
  ];
  if (scenario.skipReason !== null) lines.push("", `Skipped: ${mdText(scenario.skipReason)}`);
  for (const note of scenario.notes) lines.push("", `> Note: ${mdText(note)}`);
  if (scenario.error !== null) {
    lines.push("", `**Harness error** ${mdCode(scenario.error.code)}: ${mdText(scenario.error.message)}${scenario.error.hint === null ? "" : ` — ${mdText(scenario.error.hint)}`}`);
  }
  for (const step of scenario.steps) lines.push(...stepMarkdown(step));
  lines.push(...eventsMarkdown(scenario.events, "Event log of the simulated servers"));
  return lines;
}

/**
 * report.md (docs/design.md §7: for tickets and chat): the summary, the compatibility matrix when the run has
 * one, then one section per scenario with each step's verdict in plain language and the fix. Everything a peer sent
 * is escaped (escape-markdown.ts). A pure function of the run.
 */
export function renderMarkdown(run: RunResult): string {
  const summary = run.summary;
  const lines = [
    "# exum interop report",
    "",
    `**${ICON[summary.verdict]} ${summary.verdict}** — run ${mdCode(run.runId)} against ${target(run)}, ${run.startedAt}, ${durationText(run.durationMs)} (${mdText(run.tool.name)} ${mdText(run.tool.version)})`,
    "",
    `- scenarios: ${summary.scenarios.total} (${counts(summary.scenarios)})`,
    `- steps: ${summary.steps.total} (${counts(summary.steps)})`,
    `- expectations: ${summary.expectations.met} of ${summary.expectations.total} met`,
  ];
  if (run.interrupted) lines.push("", "> **Interrupted** (Ctrl-C): what ran is here, the rest is marked skipped.");
  if (run.scenarios.length > 0) {
    lines.push(
      "",
      mdTable(
        ["", "scenario", "steps", "duration"],
        run.scenarios.map((scenario) => [`${ICON[scenario.verdict]} ${scenario.verdict}`, `${mdText(scenario.name)} (${mdCode(scenario.id, { inTable: true })})`, String(scenario.steps.length), durationText(scenario.durationMs)]),
      ),
    );
  }
  if (run.matrix !== undefined) lines.push("", renderMatrixMarkdown(run.matrix));
  if (run.scenarios.length > 0) {
    lines.push("", "## Scenarios");
    for (const scenario of run.scenarios) lines.push(...scenarioMarkdown(scenario));
  }
  lines.push(...eventsMarkdown(run.events, "Event log outside any scenario"));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
