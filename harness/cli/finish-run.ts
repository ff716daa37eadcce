import { join } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { renderJson } from "../report/json.js";
import type { Reporters } from "../report/reporter-multiplexer.js";
import { runExitCode } from "../report/run-exit-code.js";
import type { RunResult } from "../model/run-result.js";
import type { CliIo } from "./cli-io.js";
import type { RunFiles } from "./run-files.js";

/**
 * The end of `exum run` and `exum smoke`: write every report, print the JSON, let the list reporter show the summary
 * and where the files are (through the multiplexer, like every reporter), and turn the run into the exit code. A
 * reporter that failed is the harness's failure (exit 3), unless Ctrl-C says more (130).
 */
export async function finishRun(run: RunResult, files: RunFiles, reporters: Reporters, options: { json: boolean; io: CliIo }): Promise<number> {
  const { written, failed } = await files.finish(run, reporters);
  if (options.json) options.io.out(renderJson(run));
  // Each scenario's capture was written as it finished (docs/media.md §9): listed with the reports.
  const captures = run.scenarios.flatMap((scenario) => (scenario.capture == null ? [] : [join(files.dir, scenario.capture)]));
  const listFailure = reporters.runFinished(run, { dir: files.dir, files: [...written, ...captures], failed, notes: [] });
  const code = runExitCode(run);
  return (failed.length > 0 || listFailure !== null) && code !== ExitCode.Interrupted ? ExitCode.HarnessError : code;
}
