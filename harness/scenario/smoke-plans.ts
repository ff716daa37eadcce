import { inputError } from "../errors/harness-error.js";
import { bindRoles } from "./bind-roles.js";
import type { LoadedSite } from "./loaded-site.js";
import type { Plan } from "./plan.js";
import { scenarioSchema } from "./scenario-schema.js";
import { smokeMaxDurationMs } from "./smoke-bound.js";
import { smokeChecks, SMOKE_SERVER_ROLES } from "./smoke-checks.js";

/** What `exum smoke` runs against a site: the checks as bound plans, and the bound on the whole run. */
export interface SmokePlans {
  readonly plans: Plan[];
  /** The whole run stops after this long (harness/scenario smokeMaxDurationMs). */
  readonly maxDurationMs: number;
}

export interface SmokePlanOptions {
  /** How the site file is named in reports (relative to the working directory). @defaultValue the site's path */
  readonly file?: string;
  /** Bound on each connect, handshake and final response (`--timeout`). @defaultValue the site's `timeout:` */
  readonly stepTimeoutMs?: number;
}

/**
 * Builds `exum smoke`'s plans in memory (no scenario file): {@link smokeChecks} validated by the one scenario schema
 * and bound to the site by the same binder as `exum run --site`. A site that binds none of the servers smoke checks is
 * bad input (`EXUM_SMOKE_NOTHING_TO_CHECK`, exit 2, naming the file and `roles`).
 */
export function smokePlans(loaded: LoadedSite, options: SmokePlanOptions = {}): SmokePlans {
  const { site } = loaded;
  const file = options.file ?? loaded.file;
  if (SMOKE_SERVER_ROLES.every(({ role }) => (site.roles[role] ?? []).length === 0)) {
    throw inputError("EXUM_SMOKE_NOTHING_TO_CHECK", `${loaded.file}: roles binds no callRouter, exchange2010 or mediation server for exum smoke to check`, {
      file: loaded.file,
      field: "roles",
      hint: "bind the Call Routers (roles: callRouter:) and Mediation Servers (roles: mediation:) of the site",
    });
  }
  const maxDurationMs = smokeMaxDurationMs(loaded);
  const timeoutMs = options.stepTimeoutMs ?? site.timeout;
  const trust = { kind: "files", caFiles: site.caBundle } as const;
  const plans = smokeChecks(loaded).map((check): Plan => {
    if (check.skip !== null) {
      const scenario = { id: check.id, name: check.name, summary: check.summary, tags: ["smoke"], file };
      return { scenario, target: "site", topology: null, site, persona: "pool", trust, timeoutMs: maxDurationMs, skip: check.skip, notes: [], calls: 0, steps: [] };
    }
    const scenario = scenarioSchema.parse({ ...check.scenario, timeout: maxDurationMs });
    const plan = bindRoles({ id: check.id, file, scenario, source: { file: loaded.file } }, { kind: "site", site: loaded });
    const steps = plan.steps.map((step) => (step.kind === "options" || step.kind === "call" || step.kind === "certs" ? { ...step, timeoutMs } : step));
    return { ...plan, steps };
  });
  return { plans, maxDurationMs };
}
