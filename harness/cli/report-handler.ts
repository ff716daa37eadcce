import { readFile } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { parseRunJson } from "../report/parse-run-json.js";
import { writeReports } from "../report/reporter-multiplexer.js";
import { parseReporters } from "../report/reporter-name.js";
import type { CliIo } from "./cli-io.js";
import type { ReportFlags } from "./report-command.js";

/** What `exum report` does (report-command.ts describes it: reads run.json, writes its reports again). */
export async function reportHandler(flags: ReportFlags, io: CliIo): Promise<number> {
  const reporters = parseReporters(flags.reporter);
  const file = resolvePath(io.cwd, flags.run);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw inputError("EXUM_FILE_UNREADABLE", `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      file,
      hint: "give the run.json of a run: reports/<run-id>/run.json",
    });
  }
  const run = parseRunJson(text, file);
  const dir = flags.out === undefined ? dirname(file) : resolvePath(io.cwd, flags.out);
  const outcome = await writeReports(run, { dir, reporters, io });
  return outcome.failed.length === 0 ? ExitCode.Ok : ExitCode.HarnessError;
}
