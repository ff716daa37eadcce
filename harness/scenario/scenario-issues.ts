import { z } from "zod";
import type { InputIssue, InputPath } from "../input/input-issue.js";
import { closestKey } from "../input/schema-keys.js";
import { issuesFromZod } from "../input/zod-issues.js";
import { FAILURE_CODES } from "../model/failure-code.js";
import { narrowUnionIssues } from "./narrow-union-issues.js";
import { scenarioSchema } from "./scenario-schema.js";
import { STEP_KINDS, STEP_SCHEMAS } from "./step-kinds.js";

const KINDS_HINT = "e.g. - options: callRouter, - call: { to: voicemail:alice }, - wait: 2s";

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function prefixed(prefix: InputPath) {
  return (issue: InputIssue): InputIssue => ({ ...issue, path: [...prefix, ...issue.path] });
}

/**
 * What is wrong with one step, in the words of its own kind. zod reports a step that fits no branch of the step
 * union as one `invalid_union` listing every branch's complaints; the step's kind key says which branch was meant,
 * so the step is validated again against that kind alone, which also gives unknown-key hints the right keys.
 */
export function stepIssues(step: unknown): InputIssue[] {
  if (!isMapping(step)) {
    return [{ path: [], message: `a step is a mapping with one of: ${STEP_KINDS.join(", ")}`, hint: KINDS_HINT }];
  }
  const kinds = STEP_KINDS.filter((kind) => Object.hasOwn(step, kind));
  const [kind, second] = kinds;
  if (kind === undefined) {
    const near = Object.keys(step)
      .map((key) => ({ key, near: closestKey(key, STEP_KINDS) }))
      .find((entry) => entry.near !== undefined);
    if (near !== undefined) {
      return [{ path: [], key: near.key, message: `unknown step kind "${near.key}" (did you mean "${near.near ?? ""}"?)`, hint: `a step needs one of: ${STEP_KINDS.join(", ")}` }];
    }
    return [{ path: [], message: `a step needs one of: ${STEP_KINDS.join(", ")}`, hint: KINDS_HINT }];
  }
  if (second !== undefined) {
    return [{ path: [], key: second, message: `a step does one thing; this one has ${kinds.join(" and ")}`, hint: "split it into one step per kind" }];
  }
  const schema = STEP_SCHEMAS[kind];
  const result = schema.safeParse(step, { reportInput: true });
  return result.success ? [] : issuesFromZod(new z.ZodError(narrowUnionIssues(result.error.issues)), schema, step);
}

/** The failure code a mistyped one most likely meant: one that contains it or that it contains, else 2 edits away. */
function nearestFailureCode(text: string): string | undefined {
  const lower = text.toLowerCase();
  return FAILURE_CODES.find((code) => code.includes(lower) || lower.includes(code)) ?? closestKey(lower, FAILURE_CODES);
}

/** A bad failure code gets a short message and the nearest code, not the whole table twice. */
function failureCodeIssue(issue: InputIssue, data: unknown): InputIssue {
  if (issue.path[issue.path.length - 1] !== "failure" || !issue.message.includes(" is not one of: ")) return issue;
  let value: unknown = data;
  for (const part of issue.path) value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[part] : undefined;
  const near = typeof value === "string" ? nearestFailureCode(value) : undefined;
  return {
    path: issue.path,
    message: `${JSON.stringify(value)} is not a failure code${near === undefined ? "" : ` (did you mean "${near}"?)`}`,
    hint: "use a code of docs/failure-codes.md (the JSON Schema lists them): connection and TLS, SIP, media, all-servers-failed",
  };
}

/**
 * zod's issues on a scenario as {@link InputIssue}s (so `inputIssuesError` can name file, line, column and path):
 * step problems through {@link stepIssues}, everything else through the lab's `issuesFromZod`. An adapter
 * over harness/lab's mapper, not a second one: it only picks the step kind the author meant.
 */
export function scenarioIssues(error: z.ZodError, data: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const rest: z.core.$ZodIssue[] = [];
  const flushRest = () => {
    if (rest.length > 0) issues.push(...issuesFromZod(new z.ZodError(narrowUnionIssues(rest.splice(0))), scenarioSchema, data));
  };
  for (const issue of error.issues) {
    const [first, index] = issue.path;
    if (issue.code === "invalid_union" && issue.path.length === 2 && first === "steps" && typeof index === "number") {
      flushRest();
      const steps = isMapping(data) && Array.isArray(data.steps) ? (data.steps as unknown[]) : [];
      issues.push(...stepIssues(steps[index]).map(prefixed(["steps", index])));
    } else {
      rest.push(issue);
    }
  }
  flushRest();
  return issues.map((issue) => failureCodeIssue(issue, data));
}
