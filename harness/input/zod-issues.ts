import type { z } from "zod";
import type { InputIssue, InputPath } from "./input-issue.js";
import { closestKey, keysAt } from "./schema-keys.js";

type ZodIssue = z.core.$ZodIssue;

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function valuesIn(issue: ZodIssue): unknown[] {
  if (issue.code === "invalid_value") return [...issue.values];
  if (issue.code === "invalid_union") return issue.errors.flat().flatMap(valuesIn);
  return [];
}

function lastKey(path: InputPath): string {
  const last = path[path.length - 1];
  return last === undefined ? "the document" : String(last);
}

/**
 * zod 4's issues in the words of the file's reader (topology, scenario and site files alike): what is wrong with the value found, and the valid choices or keys.
 * `schema` and `data` (the input) name the keys an object accepts, for unknown-key hints.
 */
export function issuesFromZod(error: z.ZodError, schema: z.ZodType, data: unknown): InputIssue[] {
  return error.issues.flatMap((issue): InputIssue[] => {
    const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = keysAt(schema, path, data);
        return issue.keys.map((key) => {
          const near = closestKey(key, known);
          return {
            path,
            key,
            message: `unknown key "${key}"${near === undefined ? "" : ` (did you mean "${near}"?)`}`,
            hint: known.length > 0 ? `valid keys here: ${known.join(", ")}` : "remove it",
          };
        });
      }
      case "invalid_value":
        return [{ path, message: `${show(input)} is not one of: ${issue.values.map(String).join(", ")}`, hint: `use one of: ${issue.values.map(String).join(", ")}` }];
      case "invalid_union": {
        if ("discriminator" in issue && typeof issue.discriminator === "string") {
          const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
          const value = typeof input === "object" && input !== null ? (input as Record<string, unknown>)[issue.discriminator] : undefined;
          const message = value === undefined ? `"${issue.discriminator}" is missing` : `${issue.discriminator} ${show(value)} is not one of: ${options.join(", ")}`;
          return [{ path, message, hint: `write ${issue.discriminator}: one of ${options.join(", ")}` }];
        }
        const values = [...new Set(valuesIn(issue).map(String))];
        if (values.length > 0) return [{ path, message: `${show(input)} is not one of: ${values.join(", ")}`, hint: `use one of: ${values.join(", ")}` }];
        const first = issue.errors.flat()[0];
        return [{ path, message: `${show(input)}: ${first?.message ?? issue.message}` }];
      }
      case "invalid_type":
        if (input === undefined) return [{ path, message: `"${lastKey(path)}" is required`, hint: `add ${lastKey(path)}: (${issue.expected})` }];
        return [{ path, message: `expected ${issue.expected}, found ${show(input)}` }];
      case "too_small":
        if (issue.origin === "array") return [{ path, message: `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}` }];
        return [{ path, message: `${show(input)}: ${issue.message}` }];
      case "custom": {
        const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
        return [{ path, message: issue.message, ...(typeof hint === "string" ? { hint } : {}) }];
      }
      default:
        return [{ path, message: `${show(input)}: ${issue.message}` }];
    }
  });
}
