import { mkdir, rename } from "node:fs/promises";
import { join, resolve } from "node:path";
import { internalError, isHarnessError } from "../errors/harness-error.js";
import type { Logger, LogLevel } from "../log/logger.js";
import type { Reporters } from "../report/reporter-multiplexer.js";
import type { ReporterName } from "../report/reporter-name.js";
import type { RunResult } from "../model/run-result.js";
import { openKeylog, type KeylogSink } from "../tls/keylog.js";
import type { CliIo } from "./cli-io.js";
import { setUpLogging } from "./log-setup.js";

/** The log of a run, JSON lines (pino), in its report directory. */
export const RUN_LOG_FILE = "log.jsonl";
/** The TLS key log of a run (`--keylog` without a path), NSS format for Wireshark. */
export const RUN_KEYLOG_FILE = "keylog.txt";
const PARTIAL = ".partial";

/** What finishing a run's folder wrote, and the reporters that failed (the others were written all the same). */
export interface RunFilesOutcome {
  readonly written: readonly string[];
  readonly failed: readonly { readonly reporter: ReporterName; readonly message: string }[];
}

/** A run's report directory while the run goes, and what finishes it. */
export interface RunFiles {
  readonly dir: string;
  readonly logger: Logger;
  readonly keylog: KeylogSink | undefined;
  /**
   * Writes the file reporters' files (the multiplexer's writeFiles: each to a temporary name, then renamed; one that
   * fails never stops the others), closes and renames the log and key log.
   */
  finish(run: RunResult, reporters: Reporters): Promise<RunFilesOutcome>;
  /** Closes the log and key log without renaming them (the run failed before it had a model). */
  abandon(): Promise<void>;
}

function writeFailed(what: string, error: unknown) {
  return internalError("EXUM_REPORT_WRITE", `cannot write ${what}: ${(error as Error).message}`, { hint: "check that --out is a writable folder with space left", cause: error });
}

/**
 * Creates `<out>/<run-id>/` and opens the run's log (JSON lines from info up, or from `--log-level` when that is
 * debug or trace; `--log-level` also decides what the terminal shows) and, when asked, its TLS key log. Both stream
 * into `*.partial` names until {@link RunFiles.finish}, so a file without that suffix is always whole (docs/design.md §9).
 */
export async function openRunFiles(options: { out: string; runId: string; keylog: string | undefined; logLevel: string }, io: CliIo): Promise<RunFiles> {
  const dir = resolve(io.cwd, options.out, options.runId);
  try {
    await mkdir(resolve(io.cwd, options.out), { recursive: true });
    await mkdir(dir);
  } catch (error) {
    throw internalError("EXUM_REPORT_WRITE", `cannot create the report folder ${dir}: ${(error as Error).message}`, { hint: "check that --out names a writable folder", cause: error });
  }
  const logPartial = join(dir, RUN_LOG_FILE + PARTIAL);
  // The file keeps info and up (the run, its scenarios, problems), more when the terminal asks for more.
  const fileLevel: LogLevel = options.logLevel === "debug" || options.logLevel === "trace" ? options.logLevel : "info";
  const logging = setUpLogging({ "log-level": options.logLevel, "log-file": logPartial }, io, { fileLevel });
  const ownKeylog = options.keylog === "";
  const keylogFile = options.keylog === undefined ? undefined : ownKeylog ? join(dir, RUN_KEYLOG_FILE + PARTIAL) : resolve(io.cwd, options.keylog);
  let keylog: KeylogSink | undefined;
  try {
    keylog = keylogFile === undefined ? undefined : await openKeylog(keylogFile);
  } catch (error) {
    await logging.close();
    throw isHarnessError(error) ? error : writeFailed("the TLS key log", error);
  }
  return {
    dir,
    logger: logging.logger,
    keylog,
    async finish(run, reporters) {
      const outcome = await reporters.writeFiles(run, dir);
      const written = outcome.written.flatMap((entry) => (entry.file === null ? [] : [entry.file]));
      await keylog?.close();
      await logging.close();
      try {
        await rename(logPartial, join(dir, RUN_LOG_FILE));
        written.push(join(dir, RUN_LOG_FILE));
        if (keylogFile !== undefined) {
          if (ownKeylog) await rename(keylogFile, join(dir, RUN_KEYLOG_FILE));
          written.push(ownKeylog ? join(dir, RUN_KEYLOG_FILE) : keylogFile);
        }
      } catch (error) {
        throw writeFailed("the run's log", error);
      }
      return { written, failed: outcome.failed };
    },
    async abandon() {
      await keylog?.close();
      await logging.close();
    },
  };
}
