import { ExitCode } from "./exit-codes.js";
import type { HarnessErrorCode } from "./harness-error-code.js";

/**
 * Where a {@link HarnessError} comes from, which decides the exit code:
 * - `input`: the user gave us something wrong (flag, file, field) → exit 2;
 * - `internal`: the harness or its infrastructure failed → exit 3.
 * A peer's misbehaviour is never a HarnessError: it is evidence and a verdict.
 */
export type HarnessErrorKind = "input" | "internal";

export interface HarnessErrorOptions {
  /** What to do about it, shown under the message. */
  hint?: string;
  /** The file the bad input came from. */
  file?: string;
  /** The field or path inside it (`steps[1].expect.failure`, `--timeout`). */
  field?: string;
  cause?: unknown;
}

/**
 * The one error type of the harness. `code` is one of HARNESS_ERROR_CODES (e.g. `EXUM_BAD_TARGET`), which callers
 * and tests match on; the message says what is wrong and the hint what to do.
 */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly kind: HarnessErrorKind;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(code: HarnessErrorCode, kind: HarnessErrorKind, message: string, options: HarnessErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HarnessError";
    this.code = code;
    this.kind = kind;
    this.hint = options.hint;
    this.file = options.file;
    this.field = options.field;
  }

  get exitCode(): ExitCode {
    return this.kind === "input" ? ExitCode.BadInput : ExitCode.HarnessError;
  }
}

/** Bad input (exit 2): names the file and field where there is one, and says what to do. */
export function inputError(code: HarnessErrorCode, message: string, options: HarnessErrorOptions = {}): HarnessError {
  return new HarnessError(code, "input", message, options);
}

/** A harness or infrastructure failure (exit 3). */
export function internalError(code: HarnessErrorCode, message: string, options: HarnessErrorOptions = {}): HarnessError {
  return new HarnessError(code, "internal", message, options);
}

export function isHarnessError(value: unknown): value is HarnessError {
  return value instanceof HarnessError;
}
