import type { InputPath } from "../input/input-issue.js";

/**
 * A role that cannot be bound, raised by a binder and turned by `bindRoles` into one input error naming the file,
 * line and step path (`EXUM_SCENARIO_UNBOUND`). Internal: it never leaves harness/scenario.
 */
export class BindProblem extends Error {
  readonly hint: string | undefined;
  /** Where in the step, when the binder knows better than the caller. */
  readonly path: InputPath | undefined;

  constructor(message: string, hint?: string, path?: InputPath) {
    super(message);
    this.name = "BindProblem";
    this.hint = hint;
    this.path = path;
  }
}

/**
 * Runs `run`; a {@link BindProblem} it throws gets `path` put in front of its own path, so nested calls build the full
 * path of the problem (`steps[2]` + `call.via`).
 */
export function withPath<T>(path: InputPath, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BindProblem) throw new BindProblem(error.message, error.hint, [...path, ...(error.path ?? [])]);
    throw error;
  }
}
