import { SYSTEM_CLOCK, type Clock } from "../model/clock.js";
import type { CertificateSummary } from "../model/certificate-summary.js";
import { runStep } from "../scenario/run-step.js";
import { ConnectionPool } from "../sip/connection-pool.js";
import type { StepEnvironment } from "../scenario/step-environment.js";
import { abortableSleep } from "./abortable-sleep.js";
import type { CertificateIdentity, EventTarget, MonitorEvent } from "./monitor-event.js";
import { certificateIdentity, observeCall, observeCertificate, observeOptions } from "./monitor-observe.js";
import type { MonitorPlan, WatchedCall, WatchedTarget } from "./monitor-plan.js";
import type { MonitorSettings } from "./monitor-settings.js";
import { MonitorState } from "./monitor-state.js";

const HOUR_MS = 3_600_000;

export interface RunMonitorOptions {
  readonly plan: MonitorPlan;
  readonly env: StepEnvironment;
  readonly settings: MonitorSettings;
  /** The site's name (or file) for the views. */
  readonly site: string;
  /** `safety.maxCalls`: synthetic calls placed at most in any hour. */
  readonly maxCallsPerHour: number;
  /** SIGINT/SIGTERM: every loop stops, what was seen is kept. */
  readonly signal: AbortSignal;
  /** Called after each event has been folded into the state (write it, render the views). */
  onEvent(event: MonitorEvent, state: MonitorState): void;
  readonly clock?: Clock;
}

/** Why the monitor stopped. */
export type MonitorStop = "once" | "for" | "signal";

const targetOf = (target: WatchedTarget): EventTarget => ({ target: target.id, role: target.role, fqdn: target.fqdn });

/**
 * `exum monitor`'s loop (docs/design.md §1): per target, OPTIONS every interval and the up/down rule
 * (target-health.ts); a live certificate check at start, every `certEveryMs`, and at once when an OPTIONS
 * connection shows another certificate than the last one seen; the site's synthetic calls, one at a time, at most
 * `maxCallsPerHour`. Each check is a new connection bounded by the site's timeout (connections are not kept between
 * checks). `once` runs one round of OPTIONS and certificate checks (no calls) where a miss is down at once. Resolves
 * when the signal aborts, `forMs` passes, or the round of `once` is done; never throws for what a peer does.
 */
export async function runMonitor(options: RunMonitorOptions): Promise<{ state: MonitorState; stop: MonitorStop }> {
  const { plan, env, settings } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const state = new MonitorState(plan.targets.map(targetOf), plan.calls.map((call) => call.to));
  const stopper = new AbortController();
  let stop: MonitorStop = settings.once ? "once" : "signal";
  const onAbort = () => stopper.abort();
  options.signal.addEventListener("abort", onAbort, { once: true });
  if (options.signal.aborted) stopper.abort();
  const forTimer = settings.forMs === null || settings.once ? null : setTimeout(() => {
    stop = "for";
    stopper.abort();
  }, settings.forMs);
  const signal = stopper.signal;
  // The targets' connections stay up between checks, as a pool or a Mediation Server keeps its MTLS connections to
  // Exchange (docs/design.md §10 "Connection reuse"); a server that stops or restarts closes them, and the next check
  // dials anew. Certificate checks always dial anew.
  const connections = new ConnectionPool();
  const run = { env, signal, clock, connections };
  const emit = (event: MonitorEvent) => {
    state.apply(event);
    options.onEvent(event, state);
  };
  const at = () => clock.now().toISOString();

  /** The certificate last seen per target, and a way to ask its certificate loop for a check now. */
  const seen = new Map<string, CertificateIdentity>();
  const wake = new Map<string, () => void>();
  const noteCertificate = (target: WatchedTarget, summary: CertificateSummary | null): boolean => {
    if (summary === null) return false;
    const now = certificateIdentity(summary);
    const before = seen.get(target.id);
    seen.set(target.id, now);
    if (before === undefined || before.fingerprint256 === now.fingerprint256) return false;
    emit({ type: "certificate-changed", at: at(), ...targetOf(target), before, after: now });
    return true;
  };

  const checkOptions = async (target: WatchedTarget) => {
    const view = state.target(target.id);
    const result = await runStep(target.options, run);
    if (signal.aborted) return; // stopped mid-check: what it saw is no verdict on the peer
    const before = { health: view?.health ?? "unknown", misses: view?.misses ?? 0 } as const;
    const { events, peer } = observeOptions(targetOf(target), result, before, settings.once ? 1 : settings.downAfter, at());
    for (const event of events) emit(event);
    if (noteCertificate(target, peer)) wake.get(target.id)?.();
  };
  const checkCertificate = async (target: WatchedTarget) => {
    const result = await runStep(target.certs, run);
    if (signal.aborted) return; // stopped mid-check: what it saw is no verdict on the peer
    const event = observeCertificate(targetOf(target), result, settings, clock.now());
    if (event.type === "certificate" && event.certificate !== null) {
      const before = seen.get(target.id);
      if (before !== undefined && before.fingerprint256 !== event.certificate.fingerprint256) {
        emit({ type: "certificate-changed", at: event.at, ...targetOf(target), before, after: event.certificate });
      }
      seen.set(target.id, event.certificate);
    }
    emit(event);
  };

  emit({ type: "started", at: at(), site: options.site, targets: plan.targets.map(targetOf), calls: plan.calls.map((call) => call.to), intervalMs: settings.intervalMs, downAfter: settings.downAfter });
  try {
    if (settings.once) {
      await Promise.all(plan.targets.map(async (target) => {
        await checkCertificate(target);
        await checkOptions(target);
      }));
    } else {
      const optionsLoop = async (target: WatchedTarget) => {
        while (!signal.aborted) {
          const started = clock.monotonicMs();
          await checkOptions(target);
          await abortableSleep(settings.intervalMs - (clock.monotonicMs() - started), signal);
        }
      };
      const certificateLoop = async (target: WatchedTarget) => {
        while (!signal.aborted) {
          await checkCertificate(target);
          const woken = new AbortController();
          wake.set(target.id, () => woken.abort());
          await abortableSleep(settings.certEveryMs, AbortSignal.any([signal, woken.signal]));
        }
      };
      await Promise.all([...plan.targets.flatMap((target) => [optionsLoop(target), certificateLoop(target)]), callLoop(plan.calls, options.maxCallsPerHour)]);
    }
  } finally {
    await connections.close();
    if (forTimer !== null) clearTimeout(forTimer);
    options.signal.removeEventListener("abort", onAbort);
  }
  emit({ type: "stopped", at: at(), reason: stop });
  return { state, stop };

  /** The synthetic calls: each due every `everyMs`, placed one at a time, skipped beyond the hourly bound. */
  async function callLoop(calls: readonly WatchedCall[], maxPerHour: number): Promise<void> {
    if (calls.length === 0) return;
    const due = calls.map(() => clock.monotonicMs());
    const placed: number[] = [];
    while (!signal.aborted) {
      const now = clock.monotonicMs();
      const next = due.indexOf(Math.min(...due));
      const call = calls[next] as WatchedCall;
      if ((due[next] as number) > now) {
        await abortableSleep((due[next] as number) - now, signal);
        continue;
      }
      due[next] = now + call.everyMs;
      while (placed.length > 0 && (placed[0] as number) <= now - HOUR_MS) placed.shift();
      if (placed.length >= maxPerHour) {
        emit({ type: "call-skipped", at: at(), to: call.to, reason: `safety.maxCalls: ${maxPerHour} calls placed in the last hour` });
        continue;
      }
      placed.push(now);
      const result = await runStep(call.step, run);
      if (signal.aborted) return; // stopped mid-check: what it saw is no verdict on the peer
      emit(observeCall(call.to, result, at()));
    }
  }
}
