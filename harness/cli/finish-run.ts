import { ExitCode } from "../errors/exit-codes.js";
import { renderJson } from "../report/json.js";
import { listSummary } from "../report/list.js";
import type { ReporterName } from "../report/reporter-name.js";
import { runExitCode } from "../report/run-exit-code.js";
import type { RunResult } from "../model/run-result.js";
import type { CliIo } from "./cli-io.js";
import type { RunFiles } from "./run-files.js";
import { shownPath } from "./run-inputs.js";

/**
 * The end of `exum run` and `exum smoke`: write every report, print the JSON or the summary and where the files
 * are, and turn the run into the exit code. A reporter that failed is the harness's failure (exit 3), unless
 * Ctrl-C says more (130).
 */
export async function finishRun(
  run: RunResult,
  files: RunFiles,
  reporters: readonly ReporterName[],
  options: { json: boolean; list: boolean; show: (text: string) => void; io: CliIo },
): Promise<number> {
  const { written, failed } = await files.finish(run, reporters);
  if (options.json) options.io.out(renderJson(run));
  if (options.list) {
    for (const line of listSummary(run)) options.show(`${line}\n`);
    for (const failure of failed) options.show(`The ${failure.reporter} report was not written: ${failure.message}\n`);
    options.show(`Reports in ${shownPath(files.dir, options.io.cwd)}/: ${written.map((file) => shownPath(file, files.dir)).join(", ")}\n`);
  }
  const code = runExitCode(run);
  return failed.length > 0 && code !== ExitCode.Interrupted ? ExitCode.HarnessError : code;
}
