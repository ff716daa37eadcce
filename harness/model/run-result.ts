import type { HarnessErrorCode } from "../errors/harness-error-code.js";
import type { JsonValue } from "./json-value.js";
import type { LabEvent } from "./lab-event.js";
import type { MatrixResult } from "./matrix-model.js";
import type { StepEvidence } from "./step-evidence.js";
import type { Verdict } from "./verdict.js";

/** The run.json format version; bump it when a field changes meaning or goes away (adding one does not). */
export const RUN_SCHEMA_VERSION = 2;

/**
 * One run: the one model every reporter renders (docs/design.md §3 "RunResult (one model, schemaVersion) ──▶ every
 * reporter", §7 `reports/<run-id>/run.json`). Plain JSON: no Dates, no Maps, no undefined; times are ISO 8601 strings,
 * durations milliseconds.
 */
export interface RunResult {
  readonly schemaVersion: typeof RUN_SCHEMA_VERSION;
  /** `2024-05-01T10-22-31Z-3f9a`: also the name of the report directory. */
  readonly runId: string;
  readonly tool: { readonly name: "exum"; readonly version: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly target: RunTarget;
  /** Ctrl-C stopped the run: what ran is here, the rest is skipped. */
  readonly interrupted: boolean;
  readonly summary: RunSummary;
  readonly scenarios: readonly ScenarioResult[];
  /** Lab events written outside any scenario (start-up, tear-down). */
  readonly events: readonly LabEvent[];
  /** The compatibility matrix, on runs of `exum matrix` (matrix-model.ts); absent on other runs. */
  readonly matrix?: MatrixResult;
}

/** What the run was against. */
export type RunTarget =
  | { readonly kind: "lab"; readonly topology: string }
  | { readonly kind: "site"; readonly name: string | null; readonly file: string };

export interface VerdictCounts {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly error: number;
  readonly skipped: number;
}

export interface RunSummary {
  readonly verdict: Verdict;
  readonly scenarios: VerdictCounts;
  readonly steps: VerdictCounts;
  readonly expectations: { readonly total: number; readonly met: number; readonly unmet: number };
}

/** A harness error (exit 3) or bad input found late: never a peer's misbehaviour (that is evidence). */
export interface RunError {
  /** A stable code (`EXUM_LAB_NO_FREE_ADDRESS_BLOCK`). */
  readonly code: HarnessErrorCode;
  readonly message: string;
  readonly hint: string | null;
}

export interface ScenarioResult {
  /** The scenario file's base name: its stable id (JUnit testcase name). */
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly file: string;
  readonly verdict: Verdict;
  /** Why it was skipped (`lab only: …`, `interrupted`), else null. */
  readonly skipReason: string | null;
  readonly startedAt: string | null;
  readonly durationMs: number;
  readonly steps: readonly StepResult[];
  /** Set-up or tear-down failed (the lab did not start, a listener stayed up …). */
  readonly error: RunError | null;
  /** The simulated servers' event log during the scenario (lab runs). */
  readonly events: readonly LabEvent[];
  /** What the binding wanted a reader to know (lab overrides not applied to a site …). */
  readonly notes: readonly string[];
  /** The scenario's pcapng in the run's folder (`<id>.pcapng`, docs/media.md §9), when one was written. */
  readonly capture?: string | null;
}

/** Where a step went, for reports: the role it named and the server it reached. */
export interface StepTarget {
  /** The reference as written (`callRouter`, `voicemail:alice`, `umService:mbx03`). */
  readonly ref: string;
  readonly role: string | null;
  readonly fqdn: string | null;
  readonly port: number | null;
  readonly transport: "tls" | "tcp" | null;
  /** The Request-URI sent, for options and calls. */
  readonly requestUri: string | null;
}

export type StepKindName = "options" | "call" | "certs" | "lab" | "failover" | "wait";

export interface StepResult {
  readonly index: number;
  /** `steps[2]`: where the step is written. */
  readonly path: string;
  readonly name: string;
  readonly kind: StepKindName;
  /** The persona played (pool, mediation, gateway, owa), null for lab and wait steps. */
  readonly persona: string | null;
  readonly target: StepTarget | null;
  readonly startedAt: string | null;
  readonly durationMs: number;
  readonly evidence: StepEvidence | null;
  readonly expectations: readonly ExpectationResult[];
  readonly verdict: Verdict;
  readonly error: RunError | null;
}

/**
 * One expectation checked against the evidence: a failed expectation says what was expected and what was seen (docs/design.md §6). One entry per
 * leaf written in the scenario (`expect.tls.mutual`, `expect.redirects`).
 */
export interface ExpectationResult {
  /** Where it is written: `steps[1].expect.failure`. */
  readonly path: string;
  /** What was expected, as written (normalised: durations in ms, roles as written). */
  readonly expected: JsonValue;
  /** What the evidence showed; null when the evidence has nothing there. */
  readonly seen: JsonValue;
  readonly met: boolean;
  /** One sentence for a reader when not met (`expected failure incompatible-security-setting, saw security-parity`). */
  readonly message: string | null;
}
