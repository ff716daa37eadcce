import type { HarnessErrorCode } from "../errors/harness-error-code.js";
import { inputError, type HarnessError } from "../errors/harness-error.js";
import { formatInputPath, type InputIssue, type InputPath } from "./input-issue.js";

/** A 1-based line and column in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Finds where a path (or, with `key`, that key of the object at the path) is written in the source. */
export type Locate = (path: InputPath, key?: string) => SourcePosition | undefined;

/** Where an input document (a topology, a scenario, a site file, a scenario's lab overrides) came from, so errors can name the file, line and path. */
export interface InputSource {
  /** The file it was read from. */
  readonly file?: string;
  /** Finds a path in that file (the YAML loader passes one; a scenario loader can pass its own). */
  readonly locate?: Locate;
  /** Where the document sits inside the file, e.g. `["lab"]` for a scenario's overrides: prefixed to every path shown. */
  readonly pathPrefix?: InputPath;
}

/** At most this many issues are listed in one error. */
const SHOWN = 10;

function where(source: InputSource, issue: InputIssue, what: string): string {
  const full = [...(source.pathPrefix ?? []), ...issue.path];
  const position = source.locate?.(full, issue.key);
  const file = source.file ?? what;
  const at = position === undefined ? file : `${file}:${position.line}:${position.column}`;
  return `${at}: ${formatInputPath(issue.key === undefined ? full : [...full, issue.key])}`;
}

/**
 * One input error (exit 2) for a list of issues found in an input document: `file:line:column: path: what is wrong` per issue, the
 * first issue's path as the field and its hint as the hint. `what` says what was being read ("topology",
 * "lab overrides").
 */
export function inputIssuesError(code: HarnessErrorCode, issues: readonly InputIssue[], source: InputSource, what: string): HarnessError {
  const first = issues[0];
  const lines = issues.slice(0, SHOWN).map((issue) => `${where(source, issue, what)}: ${issue.message}`);
  if (issues.length > SHOWN) lines.push(`… and ${issues.length - SHOWN} more`);
  const heading = issues.length === 1 ? (lines[0] ?? "") : `${issues.length} problems in the ${what}:\n  ${lines.join("\n  ")}`;
  const field = first === undefined ? undefined : formatInputPath([...(source.pathPrefix ?? []), ...first.path, ...(first.key === undefined ? [] : [first.key])]);
  return inputError(code, heading, {
    ...(source.file === undefined ? {} : { file: source.file }),
    ...(field === undefined ? {} : { field }),
    hint: first?.hint ?? `fix the ${what} (its JSON Schema lists every key and value)`,
  });
}
