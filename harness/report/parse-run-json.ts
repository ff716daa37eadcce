import { inputError } from "../errors/harness-error.js";
import { RUN_SCHEMA_VERSION, type RunResult } from "../model/run-result.js";

type Json = { readonly [key: string]: unknown };

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads run.json for `exum report` (docs/design.md §9: bad input names the file and field, exit 2): JSON, an object,
 * `schemaVersion` 1 (RUN_SCHEMA_VERSION), and the fields every reporter reads (run id, tool, times, target, summary,
 * scenarios with their steps, events). It checks shape, not every leaf: a run.json is written by exum.
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
  const bad = (field: string, what: string) =>
    inputError("EXUM_RUN_FILE_INVALID", `${file}: ${field} ${what}`, { file, field, hint: "give the run.json exactly as exum wrote it" });
  if (!isObject(value)) throw bad("the top level", "is not an object");
  if (value["schemaVersion"] !== RUN_SCHEMA_VERSION) {
    throw inputError(
      "EXUM_RUN_FILE_SCHEMA",
      `${file} has schemaVersion ${JSON.stringify(value["schemaVersion"] ?? null)}; this exum reads schemaVersion ${RUN_SCHEMA_VERSION}`,
      { file, field: "schemaVersion", hint: "re-render it with the exum version that wrote it, or run the scenarios again" },
    );
  }
  for (const field of ["runId", "startedAt", "finishedAt"]) if (typeof value[field] !== "string") throw bad(field, "is not a string");
  if (typeof value["durationMs"] !== "number") throw bad("durationMs", "is not a number");
  if (typeof value["interrupted"] !== "boolean") throw bad("interrupted", "is not true or false");
  for (const field of ["tool", "target", "summary"]) if (!isObject(value[field])) throw bad(field, "is not an object");
  const summary = value["summary"] as Json;
  for (const field of ["scenarios", "steps", "expectations"]) if (!isObject(summary[field])) throw bad(`summary.${field}`, "is not an object");
  if (!Array.isArray(value["events"])) throw bad("events", "is not a list");
  const scenarios = value["scenarios"];
  if (!Array.isArray(scenarios)) throw bad("scenarios", "is not a list");
  scenarios.forEach((scenario: unknown, index) => {
    const at = `scenarios[${index}]`;
    if (!isObject(scenario)) throw bad(at, "is not an object");
    for (const field of ["id", "name", "verdict"]) if (typeof scenario[field] !== "string") throw bad(`${at}.${field}`, "is not a string");
    for (const field of ["steps", "events", "notes", "tags"]) if (!Array.isArray(scenario[field])) throw bad(`${at}.${field}`, "is not a list");
    (scenario["steps"] as unknown[]).forEach((step, stepIndex) => {
      const stepAt = `${at}.steps[${stepIndex}]`;
      if (!isObject(step)) throw bad(stepAt, "is not an object");
      if (typeof step["verdict"] !== "string") throw bad(`${stepAt}.verdict`, "is not a string");
      if (!Array.isArray(step["expectations"])) throw bad(`${stepAt}.expectations`, "is not a list");
    });
  });
  if (value["matrix"] !== undefined) {
    const matrix = value["matrix"];
    if (!isObject(matrix) || !Array.isArray(matrix["sweeps"])) throw bad("matrix.sweeps", "is not a list");
  }
  return value as unknown as RunResult;
}
