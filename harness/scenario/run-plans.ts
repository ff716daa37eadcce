import { stopwatch, SYSTEM_CLOCK } from "../model/clock.js";
import { silentLogger } from "../log/logger.js";
import { RUN_SCHEMA_VERSION, type RunResult, type ScenarioResult } from "../model/run-result.js";
import { summarizeRun } from "../report/run-summary.js";
import { makeRunId } from "./run-id.js";
import { RUN_DEFAULTS, type RunOptions } from "./run-options.js";
import { runScenario, skippedScenario } from "./run-scenario.js";
import type { Plan } from "./plan.js";
import { longestFirst } from "./real-time-ms.js";

/**
 * Runs bound scenarios one after another (or `jobs` at once on the lab) and returns the one run model every reporter renders (docs/design.md §3
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
  const results: (ScenarioResult | undefined)[] = options.plans.map(() => undefined);
  const total = options.plans.length;
  // A site is real servers: one scenario at a time. Lab scenarios may run at once, each on its own lab.
  const jobs = options.site !== null ? 1 : Math.max(1, Math.min(options.jobs ?? RUN_DEFAULTS.jobs, total));
  let next = 0;
  let done = 0;
  logger.info({ scenarios: total, target: options.target, jobs }, "run started");
  const runOne = async (index: number, plan: Plan): Promise<void> => {
    let result: ScenarioResult;
    if (interrupt.aborted) result = skippedScenario(plan, "interrupted (Ctrl-C) before it ran");
    else if (runDeadline.signal.aborted) result = skippedScenario(plan, `the run reached its maximum duration (${maxDurationMs ?? 0} ms) before it ran`);
    else {
      options.observer?.scenarioStarted?.(plan, index + 1, total);
      result = await runScenario(plan, { ...options, logger }, { interrupt, runDeadline: runDeadline.signal, runDeadlineMs: maxDurationMs });
    }
    results[index] = result;
    done++;
    logger.info({ scenario: result.id, verdict: result.verdict, durationMs: result.durationMs }, "scenario finished");
    // Reported as each finishes (with several jobs not in plan order); the run model keeps the plans' order.
    options.observer?.scenarioFinished?.(result, jobs === 1 ? index + 1 : done, total);
  };
  // One lane runs the plans in their order; several start the longest held ones first (real-time-ms.ts).
  const order = jobs === 1 ? options.plans.map((_, index) => index) : longestFirst(options.plans);
  const lane = async (): Promise<void> => {
    while (next < total) {
      const index = order[next++] as number;
      await runOne(index, options.plans[index] as Plan);
    }
  };
  try {
    await Promise.all(Array.from({ length: jobs }, lane));
  } finally {
    clearTimeout(timer);
  }
  const scenarios = results.filter((result): result is ScenarioResult => result !== undefined);
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
