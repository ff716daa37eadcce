import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { inputError } from "../errors/harness-error.js";
import { defaultLoadedTopology } from "../lab/index.js";
import { loadTopology } from "../lab/index.js";
import type { LoadedTopology } from "../lab/index.js";
import type { RunTarget } from "../model/run-result.js";
import { bindRoles } from "./bind-roles.js";
import { loadScenarioDir } from "./load-scenario-dir.js";
import { loadScenarioFile } from "./load-scenario.js";
import { loadSiteFile } from "./load-site.js";
import type { LoadedScenario } from "./loaded-scenario.js";
import type { Persona } from "../model/persona.js";
import type { Plan } from "./plan.js";
import type { SiteRun } from "./run-options.js";
import { shard, type ShardSpec } from "./shard.js";
import { loadSiteCredentials } from "./site-credentials.js";
import { shownPath } from "./shown-path.js";
import { withStepTimeout } from "./step-timeout.js";
import { uniqueScenarios } from "./unique-scenarios.js";
import { PACKAGE_ROOT } from "../files/package-root.js";

/** What `exum run` reads before it runs anything. */
export interface RunInputRequest {
  /** Scenario files and directories (default: the library, `scenarios/`). */
  readonly scenarios: readonly string[];
  readonly site: string | undefined;
  readonly topology: string | undefined;
  readonly shard: ShardSpec | undefined;
  readonly tags: readonly string[];
  readonly grep: RegExp | undefined;
  /** `--timeout`, in ms, for steps that give none. */
  readonly stepTimeoutMs: number | undefined;
}

/** Everything a run needs, read and checked: nothing is written before this succeeds (docs/design.md §9). */
export interface RunInputs {
  readonly plans: Plan[];
  readonly target: RunTarget;
  readonly site: SiteRun | null;
  /** A site's `safety.maxDuration`; none on the lab. */
  readonly maxDurationMs: number | undefined;
}


async function loadScenarios(paths: readonly string[], topology: LoadedTopology, cwd: string): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let directory: boolean;
    try {
      directory = (await stat(path)).isDirectory();
    } catch {
      throw inputError("EXUM_SCENARIO_UNREADABLE", `${path} does not exist`, { file: path, hint: "give scenario files (*.yaml) or directories of them; the library is scenarios/" });
    }
    loaded.push(...(directory ? await loadScenarioDir(path, { topology }) : [await loadScenarioFile(path, { topology })]));
  }
  return uniqueScenarios(loaded);
}

function selected(scenario: LoadedScenario, request: RunInputRequest): boolean {
  if (request.tags.length > 0 && !scenario.scenario.tags.some((tag) => request.tags.includes(tag))) return false;
  if (request.grep !== undefined && !request.grep.test(scenario.id) && !request.grep.test(scenario.scenario.name)) return false;
  return true;
}

/**
 * Loads the base topology (`--topology`, else the built-in lab) or the site (`--site`, with its identities and CA
 * bundle), the scenarios (filtered by `--tag`/`--grep`, then `--shard`), and binds every one: any problem is an input
 * error (exit 2) naming the file and path, raised before a report directory exists.
 */
/** The library exum ships (`scenarios/` of this package), wherever exum is run from. */
export const SHIPPED_LIBRARY = join(PACKAGE_ROOT, "scenarios");

/**
 * The scenarios `exum run` runs when none are named: a `scenarios/` folder where the user is (their own library, or
 * this repository's), else the library exum ships, so `exum run` works from any folder.
 */
async function defaultLibrary(cwd: string): Promise<string> {
  const local = resolve(cwd, "scenarios");
  try {
    if ((await stat(local)).isDirectory()) return local;
  } catch {
    // none here
  }
  return SHIPPED_LIBRARY;
}

/** Where a run's inputs are read from: paths are relative to `cwd`; passphrases come from `env`. */
export interface RunInputContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Reads, filters, shards and binds what `exum run` runs (docs/design.md §3 "load+validate", "bind"): the topology or
 * the site, the scenarios, and each scenario's roles bound to a plan. Nothing is written before this succeeds.
 */
export async function loadRunInputs(request: RunInputRequest, io: RunInputContext): Promise<RunInputs> {
  const topologyFile = request.topology === undefined ? undefined : resolve(io.cwd, request.topology);
  if (topologyFile !== undefined && request.site !== undefined) {
    throw inputError("EXUM_BAD_FLAG", "--topology describes the embedded lab; --site binds a real deployment instead", { field: "--topology", hint: "give one of them" });
  }
  const base = topologyFile === undefined ? defaultLoadedTopology() : await loadTopology(topologyFile);
  const siteFile = request.site === undefined ? undefined : resolve(io.cwd, request.site);
  const site = siteFile === undefined ? undefined : await loadSiteFile(siteFile);
  const paths = request.scenarios.length > 0 ? request.scenarios : [await defaultLibrary(io.cwd)];
  const all = (await loadScenarios(paths, base, io.cwd)).filter((scenario) => selected(scenario, request));
  const chosen = request.shard === undefined ? all : shard(all, request.shard.index, request.shard.total);
  if (chosen.length === 0) {
    throw inputError("EXUM_NO_SCENARIOS", `no scenario to run${all.length === 0 ? "" : ` in shard ${request.shard?.index}/${request.shard?.total}`}`, {
      hint: request.tags.length > 0 || request.grep !== undefined ? "check --tag and --grep: nothing matched them" : "give scenario files or a directory of them",
    });
  }
  const plans = chosen.map((loaded) => {
    const bound = bindRoles(loaded, site === undefined ? { kind: "lab", topology: base } : { kind: "site", site });
    const timed = request.stepTimeoutMs === undefined ? bound : withStepTimeout(bound, loaded, request.stepTimeoutMs);
    return { ...timed, scenario: { ...timed.scenario, file: shownPath(timed.scenario.file, io.cwd) } };
  });
  if (site === undefined) {
    return { plans, target: { kind: "lab", topology: topologyFile === undefined ? "built-in default" : shownPath(topologyFile, io.cwd) }, site: null, maxDurationMs: undefined };
  }
  const calls = plans.reduce((sum, plan) => sum + (plan.skip === null ? plan.calls : 0), 0);
  if (calls > site.site.safety.maxCalls) {
    throw inputError("EXUM_SITE_TOO_MANY_CALLS", `the run places up to ${calls} calls; ${site.file} allows ${site.site.safety.maxCalls} (safety.maxCalls)`, {
      file: site.file,
      field: "safety.maxCalls",
      hint: "run fewer scenarios (--tag, --grep, --shard), or raise safety.maxCalls in the site file",
    });
  }
  const personas = plans.flatMap((plan) => (plan.skip !== null ? [] : plan.steps.flatMap((step): Persona[] => ("persona" in step ? [step.persona.persona] : []))));
  const credentials = await loadSiteCredentials(site, personas, io.env);
  return {
    plans,
    target: { kind: "site", name: site.site.name ?? null, file: shownPath(site.file, io.cwd) },
    site: { loaded: site, credentials },
    maxDurationMs: site.site.safety.maxDuration,
  };
}
