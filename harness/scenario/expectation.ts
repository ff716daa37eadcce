import type { JsonValue } from "../model/json-value.js";
import type { ExpectationResult } from "../model/run-result.js";

/** A value as a reader sees it in a message: strings bare, lists in brackets, null as "nothing". */
export function shown(value: JsonValue): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return `[${value.map((item) => shown(item)).join(", ")}]`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * One expectation checked against the evidence (docs/design.md §6: a failed expectation says what was expected and what was seen): `what` names
 * the fact in the message (`negotiated.media`, `status`).
 */
export function expectation(path: string, what: string, expected: JsonValue, seen: JsonValue, met: boolean): ExpectationResult {
  return { path, expected, seen, met, message: met ? null : `expected ${what} ${shown(expected)}, saw ${shown(seen)}` };
}

/** An expectation met when `seen` equals `expected` (scalars). */
export function equalExpectation(path: string, what: string, expected: string | number | boolean, seen: string | number | boolean | null): ExpectationResult {
  return expectation(path, what, expected, seen, seen === expected);
}
