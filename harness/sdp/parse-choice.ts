import type { HarnessErrorCode } from "../errors/harness-error-code.js";
import { inputError } from "../errors/harness-error.js";

/** Where a value being parsed came from, so the error can name it. */
export interface ChoiceSource {
  /** The file the value was read from. */
  file?: string;
  /** The field or flag that held it (`steps[0].call.encryption`, `--encryption`). */
  field?: string;
}

/**
 * Matches `text` against `choices` ignoring case and surrounding spaces, and returns the choice as spelled in the
 * list. Anything else throws an input error (`code`) whose hint lists every valid value.
 */
export function parseChoice<T extends string>(
  text: string,
  choices: readonly T[],
  code: HarnessErrorCode,
  what: string,
  source: ChoiceSource,
): T {
  const wanted = String(text).trim().toLowerCase();
  const found = choices.find((choice) => choice.toLowerCase() === wanted);
  if (found !== undefined) return found;
  throw inputError(code, `${JSON.stringify(text)} is not a valid ${what}`, {
    ...source,
    hint: `use one of: ${choices.join(", ")} (case does not matter)`,
  });
}
