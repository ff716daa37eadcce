import { inputIssuesError } from "../input/input-error.js";
import type { LoadedTopology, Topology } from "../lab/index.js";
import { BindProblem, withPath as at } from "./bind-problem.js";
import { bindStep, type StepContext } from "./bind-step.js";
import { labBinder } from "./lab-binder.js";
import type { LoadedScenario } from "./loaded-scenario.js";
import type { LoadedSite } from "./loaded-site.js";
import type { Plan, PlannedStep } from "./plan.js";
import type { RoleBinder } from "./role-binder.js";
import type { SiteRequirement } from "./scenario-schema.js";
import { scenarioTopology } from "./scenario-topology.js";
import { siteBinder } from "./site-binder.js";
import type { Site } from "./site-schema.js";

/** What a scenario is bound to: the embedded lab (its base topology; the scenario's overrides are applied) or a site. */
export type BindTarget = { readonly kind: "lab"; readonly topology: LoadedTopology } | { readonly kind: "site"; readonly site: LoadedSite };

/**
 * Binds a scenario's roles to a lab topology or a site file (docs/design.md §3 "bind roles (lab topology | site file) ▶
 * Plan"). Pure: no network, no files. Each step gets its concrete targets: FQDN, port, transport, Request-URI and the
 * persona's identity. A role that cannot be bound is `EXUM_SCENARIO_UNBOUND` (exit 2) naming the file, line and step
 * path with a hint: a lab step against a site, a role the site does not bind, a user the lab does not have …
 * A lab-only scenario (`site: { labOnly: true }`) against a site is a plan with `skip` set and no steps.
 */
export function bindRoles(loaded: LoadedScenario, target: BindTarget): Plan {
  const { scenario } = loaded;
  let topology: Topology | null = null;
  let binder: RoleBinder;
  if (target.kind === "lab") {
    topology = scenarioTopology(loaded, target.topology);
    binder = labBinder(topology);
  } else {
    binder = siteBinder(target.site);
  }
  const site = target.kind === "site" ? target.site.site : null;
  const notes: string[] = [];
  const base = {
    scenario: { id: loaded.id, name: scenario.name, summary: scenario.summary, tags: scenario.tags, file: loaded.file },
    target: target.kind,
    topology,
    site,
    persona: scenario.as,
    trust: site === null ? ({ kind: "lab" } as const) : ({ kind: "files", caFiles: site.caBundle } as const),
    timeoutMs: scenario.timeout,
  };
  if (site !== null && scenario.site?.labOnly === true) {
    const reason = scenario.site.reason ?? "it needs the lab's settings or changes the lab";
    return { ...base, skip: `lab only: ${reason}`, notes, calls: 0, steps: [] };
  }
  const missing = site === null ? [] : (scenario.site?.requires ?? []).filter((need) => !siteHas(site, need));
  if (missing.length > 0) return { ...base, skip: `the site binds no ${missing.join(", ")} (site.requires)`, notes, calls: 0, steps: [] };
  if (site !== null && scenario.lab !== undefined) {
    notes.push("the scenario's lab: overrides describe the deployment it expects; against a site they are not applied");
  }
  try {
    const context: StepContext = { binder, topology, scenarioPersona: scenario.as, site: target.kind === "site" ? target.site : null };
    const steps = scenario.steps.map((step, index) => at(["steps", index], () => bindStep(step, index, context)));
    const calls = steps.reduce((sum, step) => sum + (step.kind === "call" ? 1 : step.kind === "failover" ? step.servers.length : 0), 0);
    if (site !== null && calls > site.safety.maxCalls) {
      const index = firstStepOverCalls(steps, site.safety.maxCalls);
      throw new BindProblem(
        `the scenario places up to ${calls} calls; the site allows ${site.safety.maxCalls} (safety.maxCalls)`,
        "raise safety.maxCalls in the site file, or run fewer call steps against it",
        ["steps", index],
      );
    }
    return { ...base, skip: null, notes, calls, steps };
  } catch (error) {
    if (!(error instanceof BindProblem)) throw error;
    throw inputIssuesError(
      "EXUM_SCENARIO_UNBOUND",
      [{ path: error.path ?? [], message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) }],
      loaded.source,
      "scenario",
    );
  }
}

/** Whether a site binds a role or lists a kind of pilot. */
function siteHas(site: Site, need: SiteRequirement): boolean {
  if (need === "subscriberAccess" || need === "autoAttendant") return (site.pilots[need] ?? []).length > 0;
  return (site.roles[need] ?? []).length > 0;
}

function firstStepOverCalls(steps: readonly PlannedStep[], max: number): number {
  let calls = 0;
  for (const step of steps) {
    calls += step.kind === "call" ? 1 : step.kind === "failover" ? step.servers.length : 0;
    if (calls > max) return step.index;
  }
  return 0;
}
