import type { z } from "zod";

type ZodIssue = z.core.$ZodIssue;

/** A branch that rejected the value's type outright (a string where an object was wanted): not what was meant. */
function wrongType(branch: readonly ZodIssue[]): boolean {
  return (
    branch.length > 0 &&
    branch.every(
      (issue) =>
        issue.path.length === 0 &&
        (issue.code === "invalid_type" || (issue.code === "invalid_union" && issue.errors.length > 0 && issue.errors.every(wrongType))),
    )
  );
}

/**
 * zod reports a value that fits no branch of a union as one `invalid_union` with every branch's complaints. Where all
 * branches but one rejected the value's type (`wait: 5x` is no number, so the string branch was meant), the union's
 * issue is replaced by that branch's issues at their full path, so the lab's issue mapper
 * (harness/lab issuesFromZod) reports the real problem. Other unions (and discriminated ones) are kept.
 */
export function narrowUnionIssues(issues: readonly ZodIssue[]): ZodIssue[] {
  return issues.flatMap((issue): ZodIssue[] => {
    if (issue.code !== "invalid_union" || ("discriminator" in issue && issue.discriminator !== undefined)) return [issue];
    const meant = issue.errors.filter((branch) => !wrongType(branch));
    const [branch] = meant;
    if (meant.length !== 1 || branch === undefined) return [issue];
    return narrowUnionIssues(branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as ZodIssue));
  });
}
