import { stat } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import { inputError, internalError } from "../errors/harness-error.js";
import { writeFileAtomic } from "../files/write-file-atomic.js";
import { renderDiffHtml } from "../diff/diff-html.js";
import { renderDiffMarkdown } from "../diff/diff-markdown.js";
import type { RunDiff } from "../diff/run-diff.js";

/** Where `--markdown` and `--html` write (absolute), when given. */
export interface DiffOutputFiles {
  readonly markdown?: string;
  readonly html?: string;
}

/**
 * Checks `--markdown <file>` and `--html <file>` before anything is read or written (docs/design.md §9): a path that
 * is a folder, or whose folder does not exist, is bad input naming the flag (exit 2).
 */
export async function checkDiffOutputFiles(flags: { markdown?: string; html?: string }, cwd: string): Promise<DiffOutputFiles> {
  const files: { markdown?: string; html?: string } = {};
  for (const flag of ["markdown", "html"] as const) {
    const given = flags[flag];
    if (given === undefined) continue;
    if (given.trim() === "") throw inputError("EXUM_BAD_FLAG", `--${flag} needs a file name`, { field: `--${flag}`, hint: `e.g. --${flag} diff.${flag === "markdown" ? "md" : "html"}` });
    const file = resolvePath(cwd, given);
    const folder = await stat(dirname(file)).catch(() => null);
    if (folder === null || !folder.isDirectory()) throw inputError("EXUM_BAD_FLAG", `--${flag} ${file}: the folder ${dirname(file)} does not exist`, { field: `--${flag}`, hint: "create the folder first, or write into an existing one" });
    if ((await stat(file).catch(() => null))?.isDirectory() === true) throw inputError("EXUM_BAD_FLAG", `--${flag} ${file} is a folder`, { field: `--${flag}`, hint: "give a file name inside it" });
    files[flag] = file;
  }
  return files;
}

/** Writes the diff's Markdown and HTML where asked (each whole or not at all); returns what was written. */
export async function writeDiffOutputFiles(diff: RunDiff, files: DiffOutputFiles): Promise<string[]> {
  const written: string[] = [];
  const outputs = [
    [files.markdown, renderDiffMarkdown],
    [files.html, renderDiffHtml],
  ] as const;
  for (const [file, render] of outputs) {
    if (file === undefined) continue;
    try {
      await writeFileAtomic(file, render(diff));
    } catch (error) {
      throw internalError("EXUM_REPORT_WRITE", `cannot write ${file}: ${(error as Error).message}`, { hint: "check that the folder is writable and has space left", cause: error });
    }
    written.push(file);
  }
  return written;
}
