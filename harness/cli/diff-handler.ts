import { diffExitCode } from "../diff/diff-exit-code.js";
import { renderDiffJson } from "../diff/diff-json.js";
import { diffRuns } from "../diff/diff-runs.js";
import { renderDiffText } from "../diff/diff-text.js";
import { shownPath } from "../scenario/shown-path.js";
import type { CliIo } from "./cli-io.js";
import type { DiffFlags } from "./diff-command.js";
import { checkDiffOutputFiles, writeDiffOutputFiles } from "./diff-output-files.js";
import { checkExpiryWarningDays } from "./expiry-days-flag.js";
import { readRunFile } from "./read-run-file.js";

/** What `exum diff` does (diff-command.ts describes it): both runs read and checked, then the diff in every asked form. */
export async function diffHandler(flags: DiffFlags, io: CliIo): Promise<number> {
  const expiryWarningDays = checkExpiryWarningDays(flags["expiry-warning-days"]);
  const outputs = await checkDiffOutputFiles(flags, io.cwd);
  const a = await readRunFile(flags["run-a"], io.cwd, "<run-a>");
  const b = await readRunFile(flags["run-b"], io.cwd, "<run-b>");
  const diff = diffRuns(a.run, b.run, { expiryWarningDays, files: { a: shownPath(a.file, io.cwd), b: shownPath(b.file, io.cwd) } });
  const written = await writeDiffOutputFiles(diff, outputs);
  if (flags.json) io.out(renderDiffJson(diff));
  else io.out(renderDiffText(diff));
  for (const file of written) (flags.json ? io.err : io.out)(`wrote ${shownPath(file, io.cwd)}\n`);
  return diffExitCode(diff);
}
