import { stat } from "node:fs/promises";
import { inputError } from "../errors/harness-error.js";
import type { Argv } from "yargs";
import { logLevels } from "../log/log-levels.js";
import { REPORTER_NAMES } from "../report/reporter-name.js";

/** `--reporter`, the same on every command that writes reports (docs/design.md §7). */
export const REPORTER_OPTION = {
  type: "string",
  array: true,
  describe: `what to produce: ${REPORTER_NAMES.join(", ")} (default: all; list is the terminal)`,
} as const;

/** The flags of a command that writes a run's folder (`exum run`, `exum smoke`): what to write, where, and how loud. */
export interface RunOutputFlags {
  reporter?: string[];
  out: string;
  keylog?: string;
  "log-level": string;
  json: boolean;
}

/** Adds {@link RunOutputFlags} to a command. */
export function runOutputFlags(yargs: Argv): Argv {
  return yargs
    .option("reporter", REPORTER_OPTION)
    .option("out", { type: "string", default: "reports", describe: "where the run's folder <run-id>/ is written" })
    .option("keylog", { type: "string", describe: "write the TLS key log (NSS format) for Wireshark: into the run's folder, or to this file" })
    .option("log-level", { type: "string", choices: logLevels as string[], default: "warn", describe: "log level on stderr (the run's log.jsonl keeps info and up, or this level when lower)" })
    .option("json", { type: "boolean", default: false, describe: "print the run model (run.json) on stdout; progress goes to stderr" });
}

/**
 * `--out` names a folder (created when missing): a path that exists and is not a folder is bad input, found before
 * anything is sent or written (docs/design.md §9), not a failure to write the reports after the run.
 */
export async function checkOutFolder(path: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    return; // missing: created when the run's folder is
  }
  if (!isDirectory) throw inputError("EXUM_BAD_FLAG", `--out ${path} is not a folder`, { field: "--out", hint: "give a folder for the run's reports (created when missing), e.g. --out reports" });
}
