import { readFile, stat } from "node:fs/promises";
import { join, resolve as resolvePath } from "node:path";
import { inputError } from "../errors/harness-error.js";
import type { RunResult } from "../model/run-result.js";
import { parseRunJson } from "../report/parse-run-json.js";

/**
 * A run's model from a run.json or from the run's folder that holds one (`exum diff`, `exum smoke --baseline`),
 * checked against the run model's schema (report/parse-run-json.ts): a missing or unreadable file, a folder without
 * run.json, or a file that is not a run is bad input naming the file (and field), exit 2. `flag` names where the
 * path was given (`<run-a>`, `--baseline`).
 */
export async function readRunFile(path: string, cwd: string, flag: string): Promise<{ file: string; run: RunResult }> {
  let file = resolvePath(cwd, path);
  const hint = "give a run's run.json (reports/<run-id>/run.json) or the run's folder";
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(file)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError("EXUM_FILE_NOT_FOUND", `${flag} ${file} does not exist`, { file, field: flag, hint });
    throw inputError("EXUM_FILE_UNREADABLE", `cannot read ${flag} ${file}: ${code ?? (error as Error).message}`, { file, field: flag, hint });
  }
  if (isDirectory) file = join(file, "run.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError("EXUM_FILE_NOT_FOUND", `${flag}: the folder has no run.json (${file} does not exist)`, { file, field: flag, hint });
    throw inputError("EXUM_FILE_UNREADABLE", `cannot read ${flag} ${file}: ${code ?? (error as Error).message}`, { file, field: flag, hint });
  }
  return { file, run: parseRunJson(text, file) };
}
