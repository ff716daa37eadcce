import type { DiffAspect, DiffEntry, Judgement } from "./diff-entry.js";

/** What every comparison needs besides the two values: each run's start (its "now") and the expiry threshold. */
export interface DiffContext {
  readonly aAt: string;
  readonly bAt: string;
  readonly expiryWarningDays: number;
}

/** The entry for a judged difference, or none when the rule found none. */
export function entryOf(aspect: DiffAspect, place: string | null, before: string | null, after: string | null, judgement: Judgement | null): DiffEntry[] {
  return judgement === null ? [] : [{ aspect, place, before, after, class: judgement.class, reason: judgement.reason }];
}

/** A neutral change when two values, as shown, differ. */
export function changeOf(aspect: DiffAspect, place: string | null, before: string | null, after: string | null, what: string): DiffEntry[] {
  return before === after ? [] : entryOf(aspect, place, before, after, { class: "change", reason: `another ${what}` });
}

/** A place inside a place: `hop 2 (…)` then `certificate`. */
export function within(place: string | null, inner: string): string {
  return place === null ? inner : `${place}, ${inner}`;
}
