import type { RunResult } from "../model/run-result.js";

/**
 * `run.json` (docs/design.md §7): the run model itself, pretty-printed with two spaces and a final newline. Pure: the same
 * RunResult always gives the same text (keys in the model's order), so files diff well and golden tests hold.
 */
export function renderJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
