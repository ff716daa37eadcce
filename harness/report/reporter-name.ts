import { inputError } from "../errors/harness-error.js";

/** The reporters `--reporter` chooses among (docs/design.md §1: `--reporter list,json,junit,md,html`). */
export type ReporterName = "list" | "json" | "junit" | "md" | "html";

export const REPORTER_NAMES: readonly ReporterName[] = ["list", "json", "junit", "md", "html"];

/** The file each file reporter writes in `reports/<run-id>/` (docs/design.md §7); `list` prints to the terminal. */
export const REPORT_FILES: Readonly<Record<Exclude<ReporterName, "list">, string>> = {
  json: "run.json",
  junit: "junit.xml",
  md: "report.md",
  html: "report.html",
};

/**
 * Reads `--reporter` values (`list,md`, repeatable, case-insensitive) in the order given, without duplicates; none
 * means every reporter (docs/design.md §7: the list on the terminal and every file). An unknown name is bad input (exit 2).
 */
export function parseReporters(values: readonly string[] | string | undefined): ReporterName[] {
  const list = (typeof values === "string" ? [values] : (values ?? [])).flatMap((value) => value.split(",")).map((value) => value.trim().toLowerCase()).filter((value) => value !== "");
  if (list.length === 0) return [...REPORTER_NAMES];
  const chosen: ReporterName[] = [];
  for (const name of list) {
    const reporter = name === "markdown" ? "md" : name;
    if (!(REPORTER_NAMES as readonly string[]).includes(reporter)) {
      throw inputError("EXUM_BAD_REPORTER", `--reporter ${name} is not a reporter`, { field: "--reporter", hint: `choose among ${REPORTER_NAMES.join(", ")} (comma-separated)` });
    }
    if (!chosen.includes(reporter as ReporterName)) chosen.push(reporter as ReporterName);
  }
  return chosen;
}
