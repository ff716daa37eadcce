import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import { EXPIRY_WARNING_DAYS_OPTION } from "./expiry-days-flag.js";

export interface DiffFlags {
  "run-a": string;
  "run-b": string;
  json: boolean;
  markdown?: string;
  html?: string;
  "expiry-warning-days": number;
}

/**
 * `exum diff <run-a> <run-b>` (docs/design.md §1 "exum diff"): what changed between two runs in what was negotiated,
 * per scenario and step, each difference classified (harness/diff). Both runs and every flag are checked before
 * anything is written (bad input: exit 2, naming the file and field). Exit 1 when anything got worse (a security
 * regression or a regression), 0 otherwise.
 */
export const diffCommand: CliCommand<DiffFlags> = {
  command: "diff <run-a> <run-b>",
  describe: "what changed between two runs in what was negotiated; exit 1 on a security regression or a regression",
  builder: (yargs: Argv): Argv =>
    yargs
      .positional("run-a", { type: "string", describe: "the baseline: a run.json, or the run's folder" })
      .positional("run-b", { type: "string", describe: "the run to compare with it: a run.json, or the run's folder" })
      .option("json", { type: "boolean", default: false, describe: "print the diff as JSON (schemaVersion 1) instead of text" })
      .option("markdown", { type: "string", describe: "also write the diff as Markdown, for a change ticket" })
      .option("html", { type: "string", describe: "also write the diff as one self-contained HTML file" })
      .option("expiry-warning-days", EXPIRY_WARNING_DAYS_OPTION)
      .example("$0 diff reports/before/run.json reports/after", "what the change window changed; exit 1 on a regression")
      .example("$0 diff baseline.json reports/2024-05-01T10-22-31Z-3f9a --markdown change.md", "a table for the change ticket"),
  run: async (flags, io) => (await import("./diff-handler.js")).diffHandler(flags, io),
};
