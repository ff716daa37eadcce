import { durationText } from "../model/duration-text.js";
import type { RunResult, ScenarioResult, StepResult } from "../model/run-result.js";
import type { Verdict } from "../model/verdict.js";
import type { ListReporter } from "./list-reporter.js";

/**
 * The `list` reporter: what the terminal shows as a run goes (docs/design.md §1 "Every long run shows progress"). Pure
 * functions of the run model, one line per scenario as it finishes, the step detail of what did not pass (expected vs
 * seen), and a summary. No colour: the same text goes to a CI log.
 */

const LABEL: Readonly<Record<Verdict, string>> = { passed: "passed ", failed: "FAILED ", error: "ERROR  ", skipped: "skipped" };


/** `[ 3/21] passed  happy-path  Happy path (201 ms)`. */
export function listScenarioLine(scenario: ScenarioResult, position: number, total: number): string {
  const width = String(total).length;
  const counter = `[${String(position).padStart(width)}/${total}]`;
  const time = scenario.verdict === "skipped" && scenario.startedAt === null ? "" : ` (${durationText(scenario.durationMs)})`;
  return `${counter} ${LABEL[scenario.verdict]} ${scenario.id}: ${scenario.name}${time}`;
}

function stepDetail(step: StepResult): string[] {
  if (step.verdict === "passed" || step.verdict === "skipped") return [];
  const lines = [`      ${step.path} ${step.kind} "${step.name}": ${step.verdict}`];
  for (const expectation of step.expectations) {
    if (expectation.met) continue;
    lines.push(`        ${expectation.path}: ${expectation.message ?? "not met"}`);
  }
  if (step.error !== null) {
    lines.push(`        error[${step.error.code}]: ${step.error.message}`);
    if (step.error.hint !== null) lines.push(`        hint: ${step.error.hint}`);
  }
  return lines;
}

/** Under a scenario that did not pass: why (each unmet expectation, expected vs seen; each error with its code). */
export function listScenarioDetails(scenario: ScenarioResult): string[] {
  const lines: string[] = [];
  if (scenario.skipReason !== null) lines.push(`      skipped: ${scenario.skipReason}`);
  if (scenario.verdict === "passed" || scenario.verdict === "skipped") return lines;
  if (scenario.error !== null) {
    lines.push(`      error[${scenario.error.code}]: ${scenario.error.message}`);
    if (scenario.error.hint !== null) lines.push(`      hint: ${scenario.error.hint}`);
  }
  for (const step of scenario.steps) lines.push(...stepDetail(step));
  return lines;
}

/** The summary: counts of scenarios, steps and expectations, and the time taken. */
export function listSummary(run: RunResult): string[] {
  const { scenarios, steps, expectations } = run.summary;
  const lines = [
    `${run.interrupted ? "Interrupted: " : ""}${scenarios.total} scenario${scenarios.total === 1 ? "" : "s"}: ${scenarios.passed} passed, ${scenarios.failed} failed, ${scenarios.error} error${scenarios.error === 1 ? "" : "s"}, ${scenarios.skipped} skipped in ${durationText(run.durationMs)}`,
    `${steps.total} steps: ${steps.passed} passed, ${steps.failed} failed, ${steps.error} errors, ${steps.skipped} skipped; ${expectations.met} of ${expectations.total} expectations met`,
  ];
  return lines;
}

/** How the streaming list shows a path: relative to the folder the user ran in, where that is shorter. */
export type ShowPath = (path: string, from?: string) => string;

/**
 * The list reporter of `exum run` and `exum smoke`: the headline when the run starts, each scenario as it finishes
 * (`details` adds lines under it: the smoke checks add their own), the summary and where the files are at the end.
 */
export function streamingListReporter(out: (text: string) => void, showPath: ShowPath, details: (scenario: ScenarioResult) => string[] = listScenarioDetails): ListReporter {
  return {
    runStarted: (headline) => out(`${headline}\n`),
    scenarioFinished(scenario, position, total) {
      out(`${listScenarioLine(scenario, position, total)}\n`);
      for (const line of details(scenario)) out(`${line}\n`);
    },
    runFinished(run, written) {
      for (const line of listSummary(run)) out(`${line}\n`);
      for (const failure of written.failed) out(`The ${failure.reporter} report was not written: ${failure.message}\n`);
      for (const note of written.notes) out(`${note}\n`);
      out(`Reports in ${showPath(written.dir)}/: ${written.files.map((file) => showPath(file, written.dir)).join(", ")}\n`);
    },
  };
}
