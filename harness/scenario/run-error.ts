import { isHarnessError } from "../errors/harness-error.js";
import type { RunError } from "../model/run-result.js";

/**
 * A thrown error as the run model's {@link RunError}: a HarnessError keeps its stable code and hint; anything else is
 * a bug of the harness (`EXUM_INTERNAL`), never a peer's doing (docs/design.md §9: a peer's misbehaviour is evidence).
 */
export function runErrorOf(error: unknown): RunError {
  if (isHarnessError(error)) return { code: error.code, message: error.message, hint: error.hint ?? null };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "EXUM_INTERNAL", message, hint: "this is a bug in exum: the run's log (log.jsonl) has the stack" };
}
