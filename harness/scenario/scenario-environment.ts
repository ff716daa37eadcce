import { internalError, isHarnessError } from "../errors/harness-error.js";
import { startLab, type Lab } from "../lab/index.js";
import type { Teardown } from "../lab/index.js";
import type { Logger } from "../log/logger.js";
import { labEnvironment } from "./lab-environment.js";
import type { Plan } from "./plan.js";
import { RUN_DEFAULTS, type RunOptions } from "./run-options.js";
import { siteEnvironment } from "./site-environment.js";
import type { StepEnvironment } from "./step-environment.js";

/** Where a scenario's steps run, and its lab when it has one. */
export interface ScenarioEnvironment {
  readonly env: StepEnvironment;
  readonly lab: Lab | null;
}

/**
 * Sets up what a scenario's steps talk to (docs/design.md §3 "Plan ──▶ lab up (only when bound to the lab; PKI from
 * certs/, created on demand)"): the site as loaded, or a lab of its own, started with the scenario's topology and
 * registered on `teardown` (closed in reverse order under its deadline). A lab that cannot start is a harness error
 * (`EXUM_LAB_START` when the lab had no code of its own for it).
 */
export async function openScenarioEnvironment(plan: Plan, options: RunOptions, logger: Logger, teardown: Teardown): Promise<ScenarioEnvironment> {
  if (options.site !== null) return { env: siteEnvironment(options.site.loaded, options.site.credentials, logger, options.keylog), lab: null };
  const labOptions = options.lab ?? {};
  const lab = await startLab({
    ...(plan.topology === null ? {} : { topology: plan.topology }),
    ...(labOptions.certsDir === undefined ? {} : { certsDir: labOptions.certsDir }),
    ...(labOptions.cwd === undefined ? {} : { cwd: labOptions.cwd }),
    ...(labOptions.ports === undefined ? {} : { ports: labOptions.ports }),
    ...(labOptions.onProgress === undefined ? {} : { onProgress: labOptions.onProgress }),
    dns: false,
    logger: logger.child({ lab: true }),
    closeTimeoutMs: options.teardownMs ?? RUN_DEFAULTS.teardownMs,
  }).catch((error: unknown) => {
    if (isHarnessError(error)) throw error;
    throw internalError("EXUM_LAB_START", `the embedded lab did not start: ${(error as Error).message}`, {
      hint: "check that the lab PKI folder (--certs, default certs/) is a folder you can write to; the run's log (log.jsonl) has the details",
      cause: error,
    });
  });
  teardown.add("lab", async () => {
    const problems = await lab.close();
    if (problems.length > 0) throw new Error(problems.map((problem) => `${problem.step}: ${(problem.error as Error).message}`).join("; "));
  });
  return { env: labEnvironment(lab, logger, options.keylog), lab };
}
