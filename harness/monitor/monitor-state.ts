import type { EventTarget, MonitorEvent } from "./monitor-event.js";
import type { TargetHealth } from "./target-health.js";

/** How far back the views reach (the HTML page shows the last 24 h). */
export const HISTORY_MS = 24 * 60 * 60 * 1000;

/** The latest certificate check of a target: the `certificate` event without its type and target. */
export type CertificateView = Omit<Extract<MonitorEvent, { type: "certificate" }>, "type" | keyof EventTarget>;

/** One target as the views show it. */
export interface TargetView extends EventTarget {
  health: TargetHealth;
  /** Misses in a row. */
  misses: number;
  checks: number;
  answered: number;
  latencyMs: number | null;
  status: number | null;
  reason: string | null;
  failure: string | null;
  lastCheckAt: string | null;
  certificate: CertificateView | null;
  certificateChanges: number;
  /** The health from each time on (ms since the epoch), the last 24 h, oldest first. */
  spans: { atMs: number; health: TargetHealth }[];
  /** Down, up and certificate changes of the last 24 h, for the timeline. */
  marks: { atMs: number; text: string }[];
}

/** One synthetic call destination as the views show it. */
export interface CallView {
  readonly to: string;
  attempted: number;
  answered: number;
  /** Failures the called party caused (busy, decline): they count as effective (network effectiveness ratio). */
  userCaused: number;
  skipped: number;
  /** Sum of the answered calls' durations (ms). */
  answeredDurationMs: number;
  /** Ending reasons counted: `200`, `503 ms-diagnostics 15024`, `no-response` … */
  endings: Map<string, number>;
  /** Answered calls with media seen both ways (verdict two-way, docs/media.md §7), and those with less. */
  mediaPassed: number;
  mediaFailed: number;
  lastAt: string | null;
}

/**
 * Final statuses the called party causes, not the network: ITU-T E.425's network effectiveness ratio counts them with
 * the answered calls ("user busy", "terminal rejection": 486 Busy Here, 600 Busy Everywhere, 603 Decline). 480 is not
 * one of them here: Lync ends a call with 480 when every UM server failed (docs/protocol.md §7).
 */
export const USER_CAUSED_STATUSES: ReadonlySet<number> = new Set([486, 600, 603]);

/** Network effectiveness ratio of a destination, or null before the first attempt. */
export function networkEffectiveness(call: CallView): number | null {
  return call.attempted === 0 ? null : (call.answered + call.userCaused) / call.attempted;
}

/** Average duration of the answered calls (ms), or null before the first. */
export function averageCallMs(call: CallView): number | null {
  return call.answered === 0 ? null : call.answeredDurationMs / call.answered;
}

/** What the monitor knows now: every view (terminal, Prometheus, HTML, Nagios) is a function of it. */
export class MonitorState {
  readonly targets: TargetView[];
  readonly calls: CallView[];
  site = "";
  startedAt: string | null = null;
  stoppedAt: string | null = null;

  constructor(targets: readonly EventTarget[], calls: readonly string[]) {
    this.targets = targets.map((target) => ({
      ...target,
      health: "unknown",
      misses: 0,
      checks: 0,
      answered: 0,
      latencyMs: null,
      status: null,
      reason: null,
      failure: null,
      lastCheckAt: null,
      certificate: null,
      certificateChanges: 0,
      spans: [],
      marks: [],
    }));
    this.calls = [...new Set(calls)].map((to) => ({ to, attempted: 0, answered: 0, userCaused: 0, skipped: 0, answeredDurationMs: 0, endings: new Map(), mediaPassed: 0, mediaFailed: 0, lastAt: null }));
  }

  target(id: string): TargetView | undefined {
    return this.targets.find((target) => target.target === id);
  }

  call(to: string): CallView | undefined {
    return this.calls.find((call) => call.to === to);
  }

  /** Folds one event in. */
  apply(event: MonitorEvent): void {
    const atMs = Date.parse(event.at);
    switch (event.type) {
      case "started": {
        this.site = event.site;
        this.startedAt = event.at;
        for (const target of this.targets) target.spans.push({ atMs, health: "unknown" });
        return;
      }
      case "stopped":
        this.stoppedAt = event.at;
        return;
      case "options": {
        const target = this.target(event.target);
        if (target === undefined) return;
        target.checks += 1;
        if (event.answered) target.answered += 1;
        target.misses = event.misses;
        target.latencyMs = event.latencyMs;
        target.status = event.status;
        target.reason = event.reason;
        target.failure = event.failure;
        target.lastCheckAt = event.at;
        if (target.health === "unknown" && event.answered) this.#setHealth(target, "up", atMs);
        return;
      }
      case "up":
      case "down": {
        const target = this.target(event.target);
        if (target === undefined) return;
        this.#setHealth(target, event.type, atMs);
        if (event.from !== "unknown" || event.type === "down") this.#mark(target, atMs, event.type === "down" ? `down after ${event.misses} misses${event.failure === null ? "" : ` (${event.failure})`}` : "up again");
        return;
      }
      case "certificate": {
        const target = this.target(event.target);
        if (target === undefined) return;
        const { status, daysLeft, certificate, lint, findings, failure } = event;
        target.certificate = { at: event.at, status, daysLeft, certificate, lint, findings, failure };
        return;
      }
      case "certificate-changed": {
        const target = this.target(event.target);
        if (target === undefined) return;
        target.certificateChanges += 1;
        this.#mark(target, atMs, `certificate changed: serial ${event.before.serialNumber} → ${event.after.serialNumber}`);
        return;
      }
      case "call": {
        const call = this.call(event.to);
        if (call === undefined) return;
        call.attempted += 1;
        call.lastAt = event.at;
        if (event.outcome === "answered") {
          call.answered += 1;
          call.answeredDurationMs += event.durationMs;
          if (event.media === "two-way") call.mediaPassed += 1;
          else if (event.media !== null) call.mediaFailed += 1;
        } else if (event.status !== null && USER_CAUSED_STATUSES.has(event.status)) {
          call.userCaused += 1;
        }
        const ending = event.outcome === "answered" ? "200" : [event.status === null ? event.failure ?? "no-response" : String(event.status), event.diagnostics === null ? "" : `ms-diagnostics ${event.diagnostics}`].filter((part) => part !== "").join(" ");
        call.endings.set(ending, (call.endings.get(ending) ?? 0) + 1);
        return;
      }
      case "call-skipped": {
        const call = this.call(event.to);
        if (call !== undefined) call.skipped += 1;
        return;
      }
    }
  }

  #setHealth(target: TargetView, health: TargetHealth, atMs: number): void {
    target.health = health;
    target.spans.push({ atMs, health });
    const since = atMs - HISTORY_MS;
    // Keep the span that was current 24 h ago, drop the older ones.
    while (target.spans.length > 1 && (target.spans[1]?.atMs ?? Infinity) <= since) target.spans.shift();
  }

  #mark(target: TargetView, atMs: number, text: string): void {
    target.marks.push({ atMs, text });
    const since = atMs - HISTORY_MS;
    while (target.marks.length > 0 && (target.marks[0]?.atMs ?? Infinity) < since) target.marks.shift();
  }
}
