import type { DiffClass } from "./diff-class.js";
import type { Judgement } from "./diff-entry.js";

/**
 * A value that has an order of strength (TLS versions, Exchange modes, signalling): lower in run B is `worse`
 * (a security regression or a regression), higher an improvement, another value of the same strength — or one the
 * order does not know — a neutral change. `rank` returns null for a value it cannot place. Equal values: null.
 */
export function judgeRank<T>(
  before: T | null,
  after: T | null,
  rank: (value: T) => number | null,
  words: { readonly worse: DiffClass; readonly what: string; readonly show?: (value: T) => string },
): Judgement | null {
  if (before === after) return null;
  const show = words.show ?? String;
  if (before === null || after === null) {
    return { class: "change", reason: before === null ? `${words.what} ${show(after as T)} where run A had none` : `no ${words.what} where run A had ${show(before)}` };
  }
  const [from, to] = [rank(before), rank(after)];
  if (from === null || to === null || from === to) return { class: "change", reason: `${words.what} ${show(before)} → ${show(after)}: neither stronger nor weaker` };
  return to < from
    ? { class: words.worse, reason: `${show(after)} is weaker than ${show(before)}` }
    : { class: "improvement", reason: `${show(after)} is stronger than ${show(before)}` };
}

/** The rank of a value in a list ordered weakest first, or null when it is not in it. */
export function rankIn<T>(weakestFirst: readonly T[]): (value: T) => number | null {
  return (value) => {
    const index = weakestFirst.indexOf(value);
    return index === -1 ? null : index;
  };
}
