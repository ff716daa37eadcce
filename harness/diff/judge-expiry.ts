import type { Judgement } from "./diff-entry.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One server certificate's end of validity as one run saw it: `validTo`, and when that run started (its "now"). */
export interface ExpirySeen {
  readonly validTo: string;
  readonly at: string;
}

/** Whole days from `at` to `validTo` (negative once expired); null when either is not a time. */
export function daysLeft(seen: ExpirySeen): number | null {
  const left = Date.parse(seen.validTo) - Date.parse(seen.at);
  return Number.isNaN(left) ? null : Math.floor(left / DAY_MS);
}

/**
 * A server certificate's expiry in run B against run A, each measured from its own run's start (so the files decide,
 * not the clock of the machine diffing them): a certificate that now has fewer than `warningDays` days left and had at
 * least that many in run A (or that run A never saw) is a security regression — the renewal is due, and each renewal
 * can break mutual TLS with the peers (Teams Direct Routing warns 30 days ahead). A certificate that expires later than
 * run A's is an improvement (renewed), earlier a change. The same end date on both sides, above the threshold or below
 * it both times, is no difference: the days left change with every run.
 */
export function judgeExpiry(before: ExpirySeen | null, after: ExpirySeen | null, warningDays: number): Judgement | null {
  if (after === null) return null;
  const leftAfter = daysLeft(after);
  const leftBefore = before === null ? null : daysLeft(before);
  if (leftAfter !== null && leftAfter < warningDays && (leftBefore === null || leftBefore >= warningDays)) {
    const now = leftAfter < 0 ? `expired ${-leftAfter} day${leftAfter === -1 ? "" : "s"} before run B` : `${leftAfter} day${leftAfter === 1 ? "" : "s"} left in run B`;
    return { class: "security-regression", reason: `${now}, fewer than the ${warningDays}-day warning threshold${leftBefore === null ? "" : ` (${leftBefore} in run A)`}` };
  }
  if (before === null || before.validTo === after.validTo) return null;
  return Date.parse(after.validTo) > Date.parse(before.validTo)
    ? { class: "improvement", reason: "the certificate in run B is valid for longer" }
    : { class: "change", reason: "the certificate in run B expires sooner than run A's" };
}
