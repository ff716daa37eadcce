import type { RunTarget } from "../model/run-result.js";
import type { DiffClass } from "./diff-class.js";
import type { DiffEntry } from "./diff-entry.js";

/** The version of `exum diff --json`; bump it when a field changes meaning or goes away (adding one does not). */
export const DIFF_SCHEMA_VERSION = 1;

/** One side of the comparison: which run it was. */
export interface DiffSide {
  /** The file as given (run.json, or the folder it is in). */
  readonly file: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly target: RunTarget;
}

/** The differences of one step, paired by its path (`steps[2]`). */
export interface StepDiff {
  readonly path: string;
  /** The step's name in run B (run A's when B has no such step). */
  readonly name: string;
  readonly changes: readonly DiffEntry[];
}

/** The differences of one scenario, paired by its id (the scenario file's base name). */
export interface ScenarioDiff {
  readonly id: string;
  readonly name: string;
  /** The differences of the scenario itself: its verdict, or that it ran in one run only. */
  readonly changes: readonly DiffEntry[];
  /** Only the steps that differ, in step order. */
  readonly steps: readonly StepDiff[];
}

/**
 * What changed between run A (the baseline) and run B (docs/design.md §1 "exum diff"): one model, rendered as text,
 * JSON, Markdown and HTML. Only scenarios with a difference are listed; `compared` counts all that were paired.
 */
export interface RunDiff {
  readonly schemaVersion: typeof DIFF_SCHEMA_VERSION;
  readonly a: DiffSide;
  readonly b: DiffSide;
  readonly expiryWarningDays: number;
  /** Scenarios present in both runs. */
  readonly compared: number;
  readonly scenarios: readonly ScenarioDiff[];
  /** How many differences of each class, over every scenario and step. */
  readonly counts: Readonly<Record<DiffClass, number>>;
}
