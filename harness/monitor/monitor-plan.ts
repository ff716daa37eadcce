import { inputError, isHarnessError } from "../errors/harness-error.js";
import { bindRoles } from "../scenario/bind-roles.js";
import type { LoadedSite } from "../scenario/loaded-site.js";
import type { PlannedCall, PlannedCerts, PlannedOptions, PlannedStep } from "../scenario/plan.js";
import { scenarioSchema, type ScenarioInput } from "../scenario/scenario-schema.js";
import type { SiteCall } from "../scenario/site-calls.js";
import { monitorTargets, type MonitorTarget } from "./monitor-target.js";

/** One watched server with the steps that check it. */
export interface WatchedTarget extends MonitorTarget {
  readonly options: PlannedOptions;
  readonly certs: PlannedCerts;
}

/** One synthetic call of the site file, bound. */
export interface WatchedCall {
  readonly to: string;
  readonly everyMs: number;
  readonly step: PlannedCall;
}

/** What `exum monitor` runs, bound to the site by the same binder as `exum smoke` and `exum run --site`. */
export interface MonitorPlan {
  readonly targets: readonly WatchedTarget[];
  readonly calls: readonly WatchedCall[];
}

function bindSteps(loaded: LoadedSite, name: string, steps: ScenarioInput["steps"], timeoutMs: number): PlannedStep[] {
  const scenario = scenarioSchema.parse({ name, summary: "exum monitor", tags: ["monitor"], as: "pool", steps });
  const plan = bindRoles({ id: "monitor", file: loaded.file, scenario, source: { file: loaded.file } }, { kind: "site", site: loaded });
  return plan.steps.map((step) => (step.kind === "options" || step.kind === "call" || step.kind === "certs" ? { ...step, timeoutMs } : step));
}

/**
 * Binds the monitor's checks: OPTIONS and a live certificate lint of every Call Router, Exchange 2010 UM server, UM
 * server, pool and Mediation Server (as the pool, over mutual TLS: docs/protocol.md §1), each bounded by the site's
 * `timeout:` (or `--timeout`); and the site's `calls:`, each checked against `safety:` (docs/design.md §1: nothing but
 * OPTIONS unless calls are configured; a call at most `safety.maxHold` long). Bad input names the site file and field.
 */
export function monitorPlan(loaded: LoadedSite, options: { readonly timeoutMs?: number } = {}): MonitorPlan {
  const { site, file } = loaded;
  const timeoutMs = options.timeoutMs ?? site.timeout;
  const servers = monitorTargets(loaded);
  if (servers.length === 0) {
    throw inputError("EXUM_MONITOR_NOTHING_TO_WATCH", `${file}: roles binds no callRouter, exchange2010, umService, pool or mediation server for exum monitor to watch`, {
      file,
      field: "roles",
      hint: "bind the servers to watch, e.g. roles: { callRouter: cas01.contoso.com, mediation: med01.contoso.com }",
    });
  }
  const steps = bindSteps(
    loaded,
    "monitor",
    servers.flatMap((server) => [{ options: `${server.role}:${server.fqdn}` }, { certs: `${server.role}:${server.fqdn}` }]),
    timeoutMs,
  );
  const targets = servers.map((server, index): WatchedTarget => ({ ...server, options: steps[index * 2] as PlannedOptions, certs: steps[index * 2 + 1] as PlannedCerts }));
  const calls = site.calls.map((call, index) => bindCall(loaded, call, index, timeoutMs));
  return { targets, calls };
}

function bindCall(loaded: LoadedSite, call: SiteCall, index: number, timeoutMs: number): WatchedCall {
  const { site, file } = loaded;
  const field = site.calls.length === 1 ? "calls" : `calls[${index}]`;
  if (site.safety.maxCalls < 1) {
    throw inputError("EXUM_MONITOR_BAD_CALL", `${file}: ${field} asks for calls but safety.maxCalls is 0`, { file, field: "safety.maxCalls", hint: "raise safety.maxCalls (calls per hour for exum monitor), or remove calls:" });
  }
  if (call.hold > site.safety.maxHold) {
    throw inputError("EXUM_MONITOR_BAD_CALL", `${file}: ${field}.hold is ${call.hold} ms, longer than safety.maxHold (${site.safety.maxHold} ms)`, { file, field: `${field}.hold`, hint: "shorten hold, or raise safety.maxHold" });
  }
  try {
    const [step] = bindSteps(loaded, `call ${call.to}`, [{ call: { to: call.to, hold: call.hold } }], timeoutMs);
    return { to: call.to, everyMs: call.every, step: step as PlannedCall };
  } catch (error) {
    if (!isHarnessError(error) || error.kind !== "input") throw error;
    throw inputError("EXUM_MONITOR_BAD_CALL", `${file}: ${field}.to ${call.to}: ${error.message}`, { file, field: `${field}.to`, ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error });
  }
}
