/**
 * A target's health after the Mediation Server's rule (docs/protocol.md §6: it "marks one down after 5 unanswered
 * OPTIONS; while down it re-checks every minute" [3P]):
 *
 *   unknown ──answer──▶ up ──N misses in a row──▶ down ──answer──▶ up
 *      └────────N misses in a row──────────────────▲
 *
 * A miss is any OPTIONS without a 2xx final response (no answer, refused, a TLS failure, an error status): a
 * monitor proves the path a pool would use, and a 403 or an untrusted certificate breaks it as surely as silence.
 */
export type TargetHealth = "unknown" | "up" | "down";

/** The health after one more OPTIONS; `misses` counts the misses in a row, this one included. */
export function nextHealth(current: TargetHealth, answered: boolean, misses: number, downAfter: number): TargetHealth {
  if (answered) return "up";
  return misses >= downAfter ? "down" : current;
}
