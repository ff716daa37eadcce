import type { Clock } from "../model/clock.js";
import type { PortMode } from "../lab/index.js";
import type { Logger } from "../log/logger.js";
import type { RunTarget, ScenarioResult, StepResult } from "../model/run-result.js";
import type { KeylogSink } from "../tls/keylog-sink.js";
import type { LoadedSite } from "./loaded-site.js";
import type { Plan } from "./plan.js";
import type { SiteCredentials } from "./site-credentials.js";

/** What the runner tells as it goes (the terminal's progress; docs/design.md §1 "Every long run shows progress"). */
export interface RunObserver {
  scenarioStarted?(plan: Plan, position: number, total: number): void;
  stepFinished?(plan: Plan, step: StepResult): void;
  scenarioFinished?(result: ScenarioResult, position: number, total: number): void;
}

/** How the embedded lab is started for each scenario (harness/lab LabOptions). */
export interface LabRunOptions {
  /** The lab PKI directory, created on first use. @defaultValue `certs` under `cwd` */
  readonly certsDir?: string;
  /** @defaultValue process.cwd() */
  readonly cwd?: string;
  /** @defaultValue "real" (a loopback block of its own; ephemeral where real ports are impossible) */
  readonly ports?: PortMode;
  /** PKI generation progress (the first scenario of a cold run). */
  readonly onProgress?: (line: string) => void;
}

/** A site run: the site file and what was loaded from it before the run (identities, CA bundle). */
export interface SiteRun {
  readonly loaded: LoadedSite;
  readonly credentials: SiteCredentials;
}

export interface RunOptions {
  /** The scenarios bound to the lab or the site, in the order they run. */
  readonly plans: readonly Plan[];
  readonly target: RunTarget;
  /** The site, when the plans are bound to one; null for the lab. */
  readonly site: SiteRun | null;
  /** Ctrl-C: stops the step in flight; what ran is reported, the rest skipped. @defaultValue never */
  readonly signal?: AbortSignal;
  /** @defaultValue the silent logger */
  readonly logger?: Logger;
  /** The TLS key log every connection writes to (`--keylog`). */
  readonly keylog?: KeylogSink;
  /**
   * Where each scenario's capture goes: `<captureDir>/<scenario id>.pcapng`, the TLS streams with their key log, the
   * media and the decrypted RTP (docs/media.md §9); none when absent.
   */
  readonly captureDir?: string;
  readonly lab?: LabRunOptions;
  readonly observer?: RunObserver;
  /** The run's id (the report directory's name). @defaultValue makeRunId(start) */
  readonly runId?: string;
  /** @defaultValue "0.0.0" */
  readonly toolVersion?: string;
  /** The whole run stops after this long (a site's `safety.maxDuration`). @defaultValue none */
  readonly maxDurationMs?: number;
  /** Deadline of each scenario's tear-down (reverse order). @defaultValue 5000 */
  readonly teardownMs?: number;
  /** Where the run reads time (the model's times and durations, the probes'). @defaultValue SYSTEM_CLOCK */
  readonly clock?: Clock;
  /**
   * Scenarios run at once, each on a lab of its own (its own loopback block or ports). A site run is always one at a
   * time ("one call at a time, never load"), whatever this says. @defaultValue 1
   */
  readonly jobs?: number;
}

/** The defaults of {@link RunOptions} that are values (the others are computed where they are used). */
export const RUN_DEFAULTS = { teardownMs: 5000, toolVersion: "0.0.0", jobs: 1 } as const satisfies Partial<RunOptions>;
