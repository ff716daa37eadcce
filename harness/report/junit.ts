import { junitSeconds } from "../model/duration-text.js";
import { stepStory } from "./step-story.js";
import type { ExpectationResult, RunResult, ScenarioResult, StepResult } from "../model/run-result.js";

/** Text made safe for XML: the five entities escaped, characters XML 1.0 forbids dropped (peers send anything). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
}


function unmet(step: StepResult): ExpectationResult[] {
  return step.expectations.filter((expectation) => !expectation.met);
}

/**
 * What the wire showed at a step, for a CI reader who has only this file: the failure code, the final status and the
 * ms-diagnostics reason (`incompatible-security-setting, 488 Not Acceptable Here, "Incompatible security setting"`),
 * and for an answered call what it negotiated (`200 OK, SRTP (Secured)`).
 */
function wireFacts(step: StepResult): string | null {
  const evidence = step.evidence;
  if (evidence === null || !("status" in evidence)) return null;
  const story = stepStory(step);
  const parts = [
    ...(story.failure === null ? [] : [story.failure.code]),
    ...(evidence.status === null ? [] : [`${evidence.status}${evidence.reason === null ? "" : ` ${evidence.reason}`}`]),
    ...(story.reason === null ? [] : [JSON.stringify(story.reason)]),
    ...(evidence.negotiated?.media == null ? [] : [`${evidence.negotiated.media.toUpperCase()}${evidence.negotiated.mode === null ? "" : ` (${evidence.negotiated.mode})`}`]),
  ];
  return parts.length === 0 ? null : parts.join(", ");
}

/** One line per step, and under a failed step each unmet expectation (expected vs seen) and what the wire showed. */
function stepLines(scenario: ScenarioResult): string[] {
  return scenario.steps.flatMap((step) => [
    `${step.path} ${step.kind} "${step.name}": ${step.verdict}${step.verdict === "skipped" ? "" : ` (${Math.round(step.durationMs)} ms)`}`,
    ...unmet(step).map((expectation) => `  ${expectation.path}: ${expectation.message ?? "not met"}`),
    ...(step.verdict === "failed" && wireFacts(step) !== null ? [`  on the wire: ${wireFacts(step) ?? ""}`] : []),
    ...(step.error === null ? [] : [`  error[${step.error.code}]: ${step.error.message}${step.error.hint === null ? "" : ` (hint: ${step.error.hint})`}`]),
  ]);
}

/** The element that says why a testcase did not pass, or nothing. */
function outcomeElement(scenario: ScenarioResult): string {
  if (scenario.verdict === "skipped") return `      <skipped${attributes({ message: scenario.skipReason ?? "skipped" })}/>\n`;
  const details = escapeXml(stepLines(scenario).join("\n"));
  if (scenario.verdict === "error") {
    const error = scenario.error ?? scenario.steps.find((step) => step.error !== null)?.error ?? null;
    const where = scenario.error !== null ? "set-up or tear-down" : (scenario.steps.find((step) => step.error !== null)?.path ?? "");
    const message = error === null ? "harness error" : `${where}: ${error.message}`;
    const hint = error?.hint == null ? "" : `\nhint: ${escapeXml(error.hint)}`;
    return `      <error${attributes({ message, type: error?.code ?? "EXUM_INTERNAL" })}>${details}${hint}</error>\n`;
  }
  if (scenario.verdict === "failed") {
    const failedStep = scenario.steps.find((step) => unmet(step).length > 0);
    const first = scenario.steps.flatMap(unmet)[0];
    const count = scenario.steps.flatMap(unmet).length;
    const facts = failedStep === undefined ? null : wireFacts(failedStep);
    const message =
      first === undefined
        ? "an expectation was not met"
        : `${first.path}: ${first.message ?? "not met"}${facts === null ? "" : ` (on the wire: ${facts})`}${count > 1 ? ` (and ${count - 1} more)` : ""}`;
    return `      <failure${attributes({ message, type: "expectation" })}>${details}</failure>\n`;
  }
  return "";
}

/** What a reader of the CI log wants beside the verdict: the steps, the notes, the simulated servers' events. */
function systemOut(scenario: ScenarioResult): string {
  const lines = [
    scenario.summary,
    ...scenario.notes.map((note) => `note: ${note}`),
    ...stepLines(scenario),
    ...scenario.events.map((event) => `event ${event.eventId} ${event.level} ${event.server}: ${event.message}`),
  ];
  return `      <system-out>${escapeXml(lines.join("\n"))}</system-out>\n`;
}

function testcase(scenario: ScenarioResult, classname: string): string {
  const open = `    <testcase${attributes({ name: scenario.id, classname, file: scenario.file, time: junitSeconds(scenario.durationMs) })}>\n`;
  return `${open}${outcomeElement(scenario)}${systemOut(scenario)}    </testcase>\n`;
}

/**
 * `junit.xml` (docs/design.md §7): one `<testsuite>` for the run, one `<testcase>` per scenario (named by its file
 * id, the scenario's name in `<system-out>`). An unmet expectation is a `<failure>` saying expected vs seen, a harness
 * error an `<error>` with its stable code as `type`, a scenario that did not run `<skipped>`. Pure and escaped:
 * everything a peer sent may appear in it.
 */
export function renderJunit(run: RunResult): string {
  const counts = run.summary.scenarios;
  const suiteName = run.target.kind === "lab" ? `exum (lab: ${run.target.topology})` : `exum (site: ${run.target.name ?? run.target.file})`;
  const classname = run.target.kind === "lab" ? "exum.lab" : "exum.site";
  const totals = { tests: counts.total, failures: counts.failed, errors: counts.error, skipped: counts.skipped, time: junitSeconds(run.durationMs) };
  const properties = [
    ["runId", run.runId],
    ["exum", run.tool.version],
    ["target", run.target.kind],
    ["interrupted", String(run.interrupted)],
    ["expectations", `${run.summary.expectations.met}/${run.summary.expectations.total} met`],
  ]
    .map(([name, value]) => `      <property${attributes({ name: name ?? "", value: value ?? "" })}/>\n`)
    .join("");
  return [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<testsuites${attributes({ name: "exum", ...totals })}>\n`,
    `  <testsuite${attributes({ name: suiteName, ...totals, timestamp: run.startedAt })}>\n`,
    `    <properties>\n${properties}    </properties>\n`,
    ...run.scenarios.map((scenario) => testcase(scenario, classname)),
    `  </testsuite>\n`,
    `</testsuites>\n`,
  ].join("");
}
