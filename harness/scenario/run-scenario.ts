import { join } from "node:path";
import { createCaptureRecorder } from "../capture/capture-recorder.js";
import { writeCapture } from "../capture/write-capture.js";
import { ConnectionPool } from "../sip/connection-pool.js";
import { stopwatch, SYSTEM_CLOCK } from "../model/clock.js";
import type { Lab } from "../lab/index.js";
import { Teardown } from "../lab/index.js";
import { silentLogger } from "../log/logger.js";
import type { LabEvent } from "../model/lab-event.js";
import type { RunError, ScenarioResult, StepResult } from "../model/run-result.js";
import { scenarioVerdict } from "../model/verdict.js";
import { listenersLeftBehind } from "./listeners-freed.js";
import type { Plan } from "./plan.js";
import { runErrorOf } from "./run-error.js";
import { RUN_DEFAULTS, type RunOptions } from "./run-options.js";
import { erroredStep, runStep, skippedStep } from "./run-step.js";
import { openScenarioEnvironment } from "./scenario-environment.js";
import { scenarioEvents } from "./scenario-events.js";
import { scenarioStop, type ScenarioSignals, type ScenarioStop } from "./scenario-stop.js";

export type { ScenarioSignals } from "./scenario-stop.js";

/** A scenario that was not run. */
export function skippedScenario(plan: Plan, reason: string): ScenarioResult {
  const { id, name, summary, tags, file } = plan.scenario;
  return { id, name, summary, tags: [...tags], file, verdict: "skipped", skipReason: reason, startedAt: null, durationMs: 0, steps: plan.steps.map(skippedStep), error: null, events: [], notes: [...plan.notes] };
}

/** Tears down in reverse order under the deadline, then checks every real port of the lab is free again. */
async function tearDown(teardown: Teardown, lab: Lab | null, deadlineMs: number): Promise<string[]> {
  const problems = await teardown.run(deadlineMs);
  const left = lab === null ? [] : await listenersLeftBehind(lab.plan);
  return [...problems.map((problem) => `${problem.step}: ${(problem.error as Error).message}`), ...left];
}

/**
 * Runs one scenario (docs/design.md §3): starts its lab (the scenario's topology overrides applied; the PKI from the
 * certs directory, created on first use) or takes its site, runs the steps in order, keeps the simulated servers'
 * event log, and tears down in reverse order under a deadline, then checks that no listener was left behind
 * (docs/style.md habit 12: "a failed scenario never leaves a listener or a socket behind"). A step with a harness error
 * stops the scenario (the rest are skipped); an unmet expectation does not. The scenario's `timeout:` bounds its
 * steps; Ctrl-C stops the step in flight, which is kept as `skipped` with what it saw.
 */
export async function runScenario(plan: Plan, options: RunOptions, signals: ScenarioSignals): Promise<ScenarioResult> {
  const { id, name, summary, tags, file } = plan.scenario;
  if (plan.skip !== null) return skippedScenario(plan, plan.skip);
  const logger = (options.logger ?? silentLogger).child({ scenario: id });
  const teardownMs = options.teardownMs ?? RUN_DEFAULTS.teardownMs;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const startedAt = clock.now().toISOString();
  const elapsed = stopwatch(clock);
  const teardown = new Teardown();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), plan.timeoutMs);
  const signal = AbortSignal.any([signals.interrupt, signals.runDeadline, deadline.signal]);
  const steps: StepResult[] = [];
  let events: LabEvent[] = [];
  let error: RunError | null = null;
  let stop: ScenarioStop | null = null;
  let lab: Lab | null = null;
  const capture = options.captureDir === undefined ? null : createCaptureRecorder();
  let captureFile: string | null = null;
  try {
    const opened = await openScenarioEnvironment(plan, options, logger, teardown);
    lab = opened.lab;
    // Registered after the lab, so torn down before it: the kept connections close while their servers still run.
    const connections = new ConnectionPool();
    teardown.add("connections", () => connections.close());
    for (const step of plan.steps) {
      stop ??= scenarioStop(signals, deadline.signal, plan.timeoutMs);
      if (stop !== null) {
        steps.push(skippedStep(step));
        continue;
      }
      const result = await runStep(step, { env: opened.env, signal, clock, connections, ...(capture === null ? {} : { capture }) });
      // A lab step changed a server (stopped it, swapped its certificate, changed its settings): what comes next
      // connects anew, as it would after the change took effect on a real server.
      if (step.kind === "lab") await connections.drain();
      stop = scenarioStop(signals, deadline.signal, plan.timeoutMs);
      if (stop?.kind === "interrupted") steps.push({ ...result, expectations: [], verdict: "skipped" });
      else if (stop?.kind === "error") steps.push(erroredStep(step, stop.error, { startedAt: result.startedAt, durationMs: result.durationMs }, result));
      else {
        steps.push(result);
        if (result.error !== null) stop = { kind: "error", error: result.error };
      }
      const done = steps.at(-1) as StepResult;
      logger.info({ step: done.path, kind: done.kind, verdict: done.verdict, durationMs: done.durationMs }, "step finished");
      options.observer?.stepFinished?.(plan, done);
    }
  } catch (thrown) {
    error = runErrorOf(thrown);
    logger.error({ err: thrown }, "scenario set-up failed");
    for (const step of plan.steps.slice(steps.length)) steps.push(skippedStep(step));
  } finally {
    clearTimeout(timer);
    if (lab !== null) events = scenarioEvents(lab);
    const left = await tearDown(teardown, lab, teardownMs);
    if (left.length > 0) {
      logger.error({ problems: left }, "tear-down problems");
      error ??= { code: "EXUM_TEARDOWN", message: `tear-down left something behind: ${left.join("; ")}`, hint: "a simulated server did not stop in time; the run's log (log.jsonl) has the details" };
    }
    // Written whatever the verdict (a failed scenario's capture is the one worth opening); a write that fails is
    // logged, never the scenario's verdict.
    if (capture !== null && options.captureDir !== undefined && capture.packetCount() > 0) {
      const name = `${id}.pcapng`;
      try {
        await writeCapture(join(options.captureDir, name), capture);
        captureFile = name;
      } catch (thrown) {
        logger.error({ err: thrown }, "the scenario's capture could not be written");
      }
    }
  }
  const interrupted = stop?.kind === "interrupted";
  const skipReason = interrupted ? "interrupted (Ctrl-C) while it ran" : null;
  const verdict = scenarioVerdict({ error, skipReason, steps });
  return {
    id,
    name,
    summary,
    tags: [...tags],
    file,
    verdict,
    skipReason,
    startedAt,
    durationMs: elapsed(),
    steps,
    error,
    events,
    notes: [...plan.notes],
    capture: captureFile,
  };
}
