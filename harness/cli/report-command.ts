import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import { REPORTER_OPTION } from "./run-output-flags.js";

export interface ReportFlags {
  run: string;
  reporter?: string[];
  out?: string;
}

/**
 * `exum report <run.json>` (docs/design.md §1 "re-render a run's reports"): reads a run's run.json, checks it
 * (not JSON, or another schemaVersion: exit 2 naming the file) and writes its reports again — by default every file
 * reporter into the folder run.json is in, and the list summary on stdout. Exit 0 when every report was written, 3
 * when a reporter failed (the others are written all the same).
 */
export const reportCommand: CliCommand<ReportFlags> = {
  command: "report <run>",
  describe: "re-render a run's reports (report.md, report.html, junit.xml …) from its run.json",
  builder: (yargs: Argv): Argv =>
    yargs
      .positional("run", { type: "string", describe: "the run's run.json (reports/<run-id>/run.json)" })
      .option("reporter", REPORTER_OPTION)
      .option("out", { type: "string", describe: "the folder to write into (default: the folder run.json is in)" })
      .example("$0 report reports/2024-05-01T10-22-31Z-3f9a/run.json", "write report.md, report.html and junit.xml again")
      .example("$0 report run.json --reporter html --out /tmp/r", "only report.html, into /tmp/r"),
  run: async (flags, io) => (await import("./report-handler.js")).reportHandler(flags, io),
};
