import type { z } from "zod";
import { inputError } from "../errors/harness-error.js";
import { FAILURE_CODES } from "../model/failure-code.js";
import { RUN_SCHEMA_VERSION, type RunResult } from "../model/run-result.js";
import { runResultSchema } from "../model/run-result-schema.js";

type Json = { readonly [key: string]: unknown };
type ZodIssue = z.core.$ZodIssue;
type Path = readonly (string | number)[];

/** One thing wrong in the file: where (from the top of run.json) and what, for a reader. */
interface Problem {
  readonly path: Path;
  readonly what: string;
  /** The values a literal or enum allows, when the value was not one of them (a union's tag, `kind: "wait"`). */
  readonly allowed?: readonly unknown[];
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as the message shows it: strings quoted (and cut), containers by kind. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "an object";
  return String(value);
}

const NOUNS: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
  null: "null",
};

function oneOf(values: readonly unknown[]): string {
  if (values.length === FAILURE_CODES.length && FAILURE_CODES.every((code) => values.includes(code))) return "a failure code of docs/failure-codes.md";
  const texts = values.map((value) => JSON.stringify(value));
  if (texts.length === 1) return texts[0] ?? "";
  if (texts.length <= 8) return `one of ${texts.join(", ")}`;
  return `one of ${texts.slice(0, 6).join(", ")} … (${texts.length} in all)`;
}

function expected(what: string, input: unknown): string {
  return input === undefined ? `missing (expected ${what})` : `expected ${what}, got ${shown(input)}`;
}

function pathOf(issue: ZodIssue): Path {
  return issue.path.filter((key): key is string | number => typeof key !== "symbol");
}

/** A union's branches, with a branch that is itself a union (StepEvidence's options and call) opened into its own. */
function unionBranches(issue: ZodIssue): ZodIssue[][] {
  if (issue.code !== "invalid_union") return [[issue]];
  return issue.errors.flatMap((branch) => {
    const [only, ...rest] = branch;
    return only !== undefined && rest.length === 0 && only.code === "invalid_union" && only.path.length === 0 && only.errors.length > 0 ? unionBranches(only) : [branch];
  });
}

/**
 * zod's issue as the problems a reader would name, `at` the path of the schema it came from. A union that fit no branch
 * is reported through the branch the value meant: when every branch rejects the same tag (`kind: "nap"`), the tag is
 * the problem; else the branch with the fewest complaints (a certs step's evidence fails every other branch on `kind`
 * and on its fields; a call's fails the plain ProbeResult branch on `media` and `endedBy` as well).
 */
function problemsOf(issue: ZodIssue, at: Path): Problem[] {
  const path = [...at, ...pathOf(issue)];
  const input = issue.input;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ path: [...path, key], what: "unknown field (the run model has no such field)" }));
    case "invalid_type":
      return [{ path, what: expected(NOUNS[issue.expected] ?? issue.expected, input) }];
    case "invalid_value":
      return [{ path, what: expected(oneOf(issue.values), input), allowed: issue.values }];
    case "invalid_union": {
      if (issue.discriminator !== undefined && issue.inclusive !== false && issue.errors.length === 0) {
        const allowed = issue.options ?? [];
        return [{ path, what: expected(oneOf(allowed), isObject(input) ? input[issue.discriminator] : undefined), allowed }];
      }
      if (input === undefined) return [{ path, what: "missing" }];
      const isTag = (problem: Problem) => problem.allowed !== undefined && problem.path.length === path.length + 1;
      const branches = unionBranches(issue).map((branch) => branch.flatMap((inner) => problemsOf(inner, path)));
      const tagKey = branches[0]
        ?.filter(isTag)
        .map((problem) => problem.path[path.length])
        .find((key) => branches.every((branch) => branch.some((problem) => isTag(problem) && problem.path[path.length] === key)));
      if (tagKey !== undefined) {
        const tags = branches.flatMap((branch) => branch.filter((problem) => isTag(problem) && problem.path[path.length] === tagKey));
        const allowed = [...new Set(tags.flatMap((tag) => tag.allowed ?? []))];
        return [{ path: [...path, tagKey], what: expected(oneOf(allowed), isObject(input) ? input[String(tagKey)] : undefined), allowed }];
      }
      const best = branches.reduce<Problem[] | undefined>((fewest, branch) => (fewest === undefined || branch.length < fewest.length ? branch : fewest), undefined);
      return best !== undefined && best.length > 0 ? best : [{ path, what: issue.message }];
    }
    default:
      return [{ path, what: input === undefined ? issue.message : `${issue.message}, got ${shown(input)}` }];
  }
}

/** Where a path lies in the file, for sorting: each key's position among its object's keys (absent ones last), or the index. */
function placeOf(root: unknown, path: Path): number[] {
  const place: number[] = [];
  let at = root;
  for (const key of path) {
    if (Array.isArray(at) && typeof key === "number") {
      place.push(key);
      at = at[key];
    } else if (isObject(at)) {
      const index = Object.keys(at).indexOf(String(key));
      place.push(index === -1 ? Number.MAX_SAFE_INTEGER : index);
      at = at[String(key)];
    } else {
      place.push(Number.MAX_SAFE_INTEGER);
      at = undefined;
    }
  }
  return place;
}

function compareIn(root: unknown) {
  return (a: Problem, b: Problem): number => {
    const [left, right] = [placeOf(root, a.path), placeOf(root, b.path)];
    for (let index = 0; index < Math.min(left.length, right.length); index++) {
      const difference = (left[index] ?? 0) - (right[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return left.length - right.length;
  };
}

/** A path as a reader writes it: `scenarios[0].steps[2].evidence.hops[0].status`, `headers["content-type"]`. */
function pathText(path: Path): string {
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join("");
}

/** The first problem in the file, top to bottom (zod reports in the schema's order); missing fields after present ones. */
function firstProblem(error: z.ZodError, root: unknown): Problem {
  const problems = error.issues.flatMap((issue) => problemsOf(issue, []));
  return problems.sort(compareIn(root))[0] ?? { path: [], what: error.message };
}

/**
 * Reads run.json for `exum report` (docs/design.md §9: bad input names the file and field, exit 2): JSON, an object,
 * `schemaVersion` 1 (RUN_SCHEMA_VERSION), then the whole run model (runResultSchema: every field, no unknown ones,
 * failure codes of this exum's registry). A file that fails names the first bad field as a path into the file.
 */
export function parseRunJson(text: string, file: string): RunResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError("EXUM_RUN_FILE_NOT_JSON", `${file} is not JSON: ${(error as Error).message}`, {
      file,
      hint: "give the run.json of a run (reports/<run-id>/run.json)",
    });
  }
  const hint = "give the run.json exactly as exum wrote it";
  if (!isObject(value)) throw inputError("EXUM_RUN_FILE_INVALID", `${file}: the top level is not an object`, { file, hint });
  if (value["schemaVersion"] !== RUN_SCHEMA_VERSION) {
    throw inputError(
      "EXUM_RUN_FILE_SCHEMA",
      `${file} has schemaVersion ${JSON.stringify(value["schemaVersion"] ?? null)}; this exum reads schemaVersion ${RUN_SCHEMA_VERSION}`,
      { file, field: "schemaVersion", hint: "re-render it with the exum version that wrote it, or run the scenarios again" },
    );
  }
  const result = runResultSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const problem = firstProblem(result.error, value);
    const field = pathText(problem.path);
    throw inputError("EXUM_RUN_FILE_INVALID", `${file}: ${field === "" ? "" : `${field}: `}${problem.what}`, { file, field, hint });
  }
  // The run as the file has it rather than zod's copy (result.data): the schema has no defaults or transforms, so they
  // hold the same values, and the file's key order stays (the json reporter writes keys in the order it finds them).
  return value as unknown as RunResult;
}
