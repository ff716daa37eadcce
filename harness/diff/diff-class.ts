/**
 * How a difference between two runs is judged (docs/design.md §1 "exum diff"):
 * - `security-regression`: run B negotiated less protection than run A — an older TLS version or a weaker cipher,
 *   SRTP lost or media less protected (Secured → SIPSecured), verification weaker (untrusted, name mismatch,
 *   `--insecure`), mutual TLS no longer requested or accepted, a certificate now closer to expiry than the threshold;
 * - `regression`: something that worked stopped working — a verdict from passed to failed or error, a new failure code,
 *   media that flowed both ways and no longer does;
 * - `improvement`: the reverse of either;
 * - `change`: different, neither better nor worse (a renewed certificate, another redirect chain, another codec).
 */
export type DiffClass = "security-regression" | "regression" | "improvement" | "change";

/** Every {@link DiffClass}, the gravest first (the order reports list them in). */
export const DIFF_CLASSES: readonly DiffClass[] = ["security-regression", "regression", "improvement", "change"];

/** A class that makes `exum diff` (and `exum smoke --baseline`) exit 1: something got worse. */
export function isWorse(diffClass: DiffClass): boolean {
  return diffClass === "security-regression" || diffClass === "regression";
}
