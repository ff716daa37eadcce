import type { RunResult, ScenarioResult } from "../model/run-result.js";
import { DIFF_CLASSES, type DiffClass } from "./diff-class.js";
import type { DiffContext } from "./diff-context.js";
import { entryOf } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { DIFF_DEFAULTS, type DiffOptions } from "./diff-options.js";
import { diffStep } from "./diff-step.js";
import { judgeVerdict } from "./judge-verdict.js";
import { DIFF_SCHEMA_VERSION, type RunDiff, type ScenarioDiff, type StepDiff } from "./run-diff.js";

function presence(scenario: ScenarioResult, inRun: "A" | "B"): DiffEntry[] {
  return entryOf("scenario", null, inRun === "A" ? scenario.verdict : null, inRun === "B" ? scenario.verdict : null, {
    class: "change",
    reason: inRun === "A" ? "the scenario ran in run A only" : "the scenario ran in run B only",
  });
}

function diffScenario(before: ScenarioResult, after: ScenarioResult, context: DiffContext): ScenarioDiff {
  const steps: StepDiff[] = [];
  const byPath = new Map(before.steps.map((step) => [step.path, step]));
  for (const step of after.steps) {
    const old = byPath.get(step.path);
    const changes =
      old === undefined
        ? entryOf("step", null, null, step.verdict, { class: "change", reason: "the step is in run B only" })
        : diffStep(old, step, context);
    if (changes.length > 0) steps.push({ path: step.path, name: step.name, changes });
  }
  const paths = new Set(after.steps.map((step) => step.path));
  for (const step of before.steps) {
    if (!paths.has(step.path)) steps.push({ path: step.path, name: step.name, changes: entryOf("step", null, step.verdict, null, { class: "change", reason: "the step is in run A only" }) });
  }
  return { id: after.id, name: after.name, changes: entryOf("verdict", null, before.verdict, after.verdict, judgeVerdict(before.verdict, after.verdict)), steps };
}

/**
 * What changed between run A (the baseline) and run B in what was negotiated and concluded (docs/design.md §1
 * "exum diff"): scenarios paired by id, steps by path, hops and failover attempts by position. Every difference is
 * classified (diff-class.ts); what always varies between two runs of the same scenarios — run ids, times, durations,
 * addresses, ports, Call-IDs, tags, branches, SDP, packet counts, traces — is never compared, so two runs of the same
 * scenarios on the lab differ in nothing. A pure function of the two runs.
 */
export function diffRuns(a: RunResult, b: RunResult, options: DiffOptions = {}): RunDiff {
  const expiryWarningDays = options.expiryWarningDays ?? DIFF_DEFAULTS.expiryWarningDays;
  const context: DiffContext = { aAt: a.startedAt, bAt: b.startedAt, expiryWarningDays };
  const byId = new Map(a.scenarios.map((scenario) => [scenario.id, scenario]));
  const scenarios: ScenarioDiff[] = [];
  let compared = 0;
  for (const scenario of b.scenarios) {
    const old = byId.get(scenario.id);
    if (old === undefined) {
      scenarios.push({ id: scenario.id, name: scenario.name, changes: presence(scenario, "B"), steps: [] });
      continue;
    }
    compared++;
    const diff = diffScenario(old, scenario, context);
    if (diff.changes.length > 0 || diff.steps.length > 0) scenarios.push(diff);
  }
  const ids = new Set(b.scenarios.map((scenario) => scenario.id));
  for (const scenario of a.scenarios) if (!ids.has(scenario.id)) scenarios.push({ id: scenario.id, name: scenario.name, changes: presence(scenario, "A"), steps: [] });

  const counts = Object.fromEntries(DIFF_CLASSES.map((diffClass) => [diffClass, 0])) as Record<DiffClass, number>;
  for (const entry of scenarios.flatMap(allEntries)) counts[entry.class]++;
  const side = (run: RunResult, file: string) => ({ file, runId: run.runId, startedAt: run.startedAt, target: run.target });
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    a: side(a, options.files?.a ?? a.runId),
    b: side(b, options.files?.b ?? b.runId),
    expiryWarningDays,
    compared,
    scenarios,
    counts,
  };
}

/** Every difference of a scenario: its own, then its steps'. */
export function allEntries(scenario: ScenarioDiff): DiffEntry[] {
  return [...scenario.changes, ...scenario.steps.flatMap((step) => step.changes)];
}
