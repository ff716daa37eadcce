import { stopwatch, SYSTEM_CLOCK } from "../model/clock.js";
import { silentLogger } from "../log/logger.js";
import { RUN_SCHEMA_VERSION, type RunResult, type ScenarioResult } from "../model/run-result.js";
import { summarizeRun } from "../report/run-summary.js";
import { makeRunId } from "./run-id.js";
import { RUN_DEFAULTS, type RunOptions } from "./run-options.js";
import { runScenario, skippedScenario } from "./run-scenario.js";

/**
 * Runs bound scenarios one after another and returns the one run model every reporter renders (docs/design.md §3
 * "StepResults ──expectations──▶ verdicts ──▶ RunResult"). Ctrl-C (`signal`) stops the step in flight: what ran is
 * kept, the rest is skipped and the run is marked `interrupted`. Never throws for anything a peer does; set-up
 * failures are scenario errors.
 */
export async function runPlans(options: RunOptions): Promise<RunResult> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const start = clock.now();
  const elapsed = stopwatch(clock);
  const runId = options.runId ?? makeRunId(start);
  const logger = (options.logger ?? silentLogger).child({ run: runId });
  const interrupt = options.signal ?? new AbortController().signal;
  const runDeadline = new AbortController();
  const maxDurationMs = options.maxDurationMs ?? null;
  const timer = maxDurationMs === null ? undefined : setTimeout(() => runDeadline.abort(), maxDurationMs);
  const scenarios: ScenarioResult[] = [];
  const total = options.plans.length;
  logger.info({ scenarios: total, target: options.target }, "run started");
  try {
    for (const [index, plan] of options.plans.entries()) {
      let result: ScenarioResult;
      if (interrupt.aborted) result = skippedScenario(plan, "interrupted (Ctrl-C) before it ran");
      else if (runDeadline.signal.aborted) result = skippedScenario(plan, `the run reached its maximum duration (${maxDurationMs ?? 0} ms) before it ran`);
      else {
        options.observer?.scenarioStarted?.(plan, index + 1, total);
        result = await runScenario(plan, { ...options, logger }, { interrupt, runDeadline: runDeadline.signal, runDeadlineMs: maxDurationMs });
      }
      scenarios.push(result);
      logger.info({ scenario: result.id, verdict: result.verdict, durationMs: result.durationMs }, "scenario finished");
      options.observer?.scenarioFinished?.(result, index + 1, total);
    }
  } finally {
    clearTimeout(timer);
  }
  const finished = clock.now();
  const summary = summarizeRun(scenarios);
  logger.info({ summary }, "run finished");
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    runId,
    tool: { name: "exum", version: options.toolVersion ?? RUN_DEFAULTS.toolVersion },
    startedAt: start.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: elapsed(),
    target: options.target,
    interrupted: interrupt.aborted,
    summary,
    scenarios,
    events: [],
  };
}
