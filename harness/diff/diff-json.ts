import type { RunDiff } from "./run-diff.js";

/** `exum diff --json`: the diff model as it is (run-diff.ts, `schemaVersion` 1), two-space indented. */
export function renderDiffJson(diff: RunDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
