import type { Judgement } from "./diff-entry.js";

/**
 * A yes/no fact where yes is the protected state — the server's certificate trusted, its name matching, the server
 * asking for our certificate, the server accepting it — in run B against run A: true → false is a security regression,
 * false → true an improvement, to or from null ("not measured", no connection) a change.
 */
export function judgeProtection(before: boolean | null, after: boolean | null, what: string): Judgement | null {
  if (before === after) return null;
  if (before === true && after === false) return { class: "security-regression", reason: `${what} in run A, not in run B` };
  if (before === false && after === true) return { class: "improvement", reason: `${what} in run B, not in run A` };
  return { class: "change", reason: `${what}: ${seen(before)} in run A, ${seen(after)} in run B` };
}

function seen(value: boolean | null): string {
  return value === null ? "not measured" : value ? "yes" : "no";
}
