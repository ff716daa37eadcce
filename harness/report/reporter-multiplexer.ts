import { join } from "node:path";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import type { ListReporter, ReportsWritten } from "./list-reporter.js";
import { summaryListReporter } from "./list-summary.js";
import { renderMarkdown } from "./markdown.js";
import { nodeFileSystem, type FileSystem } from "../files/file-system.js";
import { writeFileAtomic } from "../files/write-file-atomic.js";
import { REPORT_FILES, REPORTER_NAMES, type ReporterName } from "./reporter-name.js";
import type { RunResult, ScenarioResult } from "../model/run-result.js";

/** A file reporter: a pure function of the run (docs/style.md habit 8). */
export type FileRenderer = (run: RunResult) => string;

/** The file reporters of this folder, one per `--reporter` value (a caller may replace any with `renderers`). */
export const DEFAULT_RENDERERS: Readonly<Partial<Record<Exclude<ReporterName, "list">, FileRenderer>>> = {
  json: renderJson,
  junit: renderJunit,
  md: renderMarkdown,
  html: renderHtml,
};

/** Where the terminal output goes (a CliIo fits). */
export interface ReportIo {
  out(text: string): void;
  err(text: string): void;
}

export interface MultiplexOptions {
  readonly io: ReportIo;
  /** The list reporter, when `list` is chosen. @defaultValue the whole-run summary on `io.out` (list-summary.ts) */
  readonly list?: ListReporter;
  /** Renderers by reporter, over {@link DEFAULT_RENDERERS} (tests pass one that throws). */
  readonly renderers?: Partial<Record<Exclude<ReporterName, "list">, FileRenderer>>;
  /** @defaultValue the real file system */
  readonly fs?: FileSystem;
}

export interface WriteReportsOptions extends MultiplexOptions {
  /** `reports/<run-id>/`: created when missing. */
  readonly dir: string;
  /** The reporters chosen (`parseReporters`); `list` prints to `io.out`, the others write their file. */
  readonly reporters: readonly ReporterName[];
  /** Lines the list reporter prints after the counts (the runner's own notes). */
  readonly notes?: readonly string[];
}

/** What was written and what failed; a failed reporter never stops the others. */
export interface ReportsOutcome {
  readonly written: readonly { readonly reporter: ReporterName; readonly file: string | null }[];
  readonly failed: readonly { readonly reporter: ReporterName; readonly message: string }[];
}

/** The chosen reporters of one run behind one interface: the list reporter as the run goes, every reporter at its end. */
export interface Reporters {
  runStarted(headline: string): void;
  scenarioFinished(scenario: ScenarioResult, position: number, total: number): void;
  /** Every chosen file reporter renders its text and writes it (atomically) under `dir`. */
  writeFiles(run: RunResult, dir: string): Promise<ReportsOutcome>;
  /** The list reporter's end: the summary and where the files are; its failure, if it failed. */
  runFinished(run: RunResult, written: ReportsWritten): { readonly reporter: ReporterName; readonly message: string } | null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The reporter multiplexer (docs/design.md §7: a failing reporter is reported and never stops the others;
 * Playwright's multiplexer): the list reporter hears the run as it goes; at the end each file reporter renders its
 * text and writes it to a temp name that is then renamed (files/write-file-atomic.ts); a reporter that throws — or has no
 * renderer — gets a line on stderr and a note in the list reporter's summary, printed last. The order is the one of
 * REPORTER_NAMES, files first.
 */
export function multiplexReporters(chosen: readonly ReporterName[], options: MultiplexOptions): Reporters {
  const fs = options.fs ?? nodeFileSystem;
  const renderers = { ...DEFAULT_RENDERERS, ...options.renderers };
  const list = chosen.includes("list") ? (options.list ?? summaryListReporter(options.io.out)) : null;
  const warn = (reporter: ReporterName, message: string) => {
    options.io.err(`warning: the ${reporter} reporter failed: ${message}; the other reports are not affected\n`);
    return { reporter, message };
  };
  return {
    runStarted: (headline) => list?.runStarted(headline),
    scenarioFinished: (scenario, position, total) => list?.scenarioFinished(scenario, position, total),
    async writeFiles(run, dir) {
      const written: { reporter: ReporterName; file: string | null }[] = [];
      const failed: { reporter: ReporterName; message: string }[] = [];
      const files = REPORTER_NAMES.filter((name): name is Exclude<ReporterName, "list"> => name !== "list" && chosen.includes(name));
      if (files.length > 0) {
        try {
          await fs.mkdir(dir);
        } catch (error) {
          for (const name of files) failed.push(warn(name, `cannot create ${dir}: ${messageOf(error)}`));
          return { written, failed };
        }
      }
      for (const name of files) {
        const renderer = renderers[name];
        if (renderer === undefined) {
          failed.push(warn(name, "no renderer is registered for it"));
          continue;
        }
        const file = join(dir, REPORT_FILES[name]);
        try {
          await writeFileAtomic(file, renderer(run), { fs });
          written.push({ reporter: name, file });
        } catch (error) {
          failed.push(warn(name, messageOf(error)));
        }
      }
      return { written, failed };
    },
    runFinished(run, written) {
      if (list === null) return null;
      try {
        list.runFinished(run, written);
        return null;
      } catch (error) {
        return warn("list", messageOf(error));
      }
    },
  };
}

/** Every chosen reporter over a finished run (`exum matrix`, `exum report`): the files, then the list. */
export async function writeReports(run: RunResult, options: WriteReportsOptions): Promise<ReportsOutcome> {
  const reporters = multiplexReporters(options.reporters, options);
  const outcome = await reporters.writeFiles(run, options.dir);
  const files = outcome.written.flatMap((entry) => (entry.file === null ? [] : [entry.file]));
  const listFailure = reporters.runFinished(run, { dir: options.dir, files, failed: outcome.failed, notes: options.notes ?? [] });
  if (listFailure !== null) return { written: outcome.written, failed: [...outcome.failed, listFailure] };
  return options.reporters.includes("list") ? { written: [...outcome.written, { reporter: "list", file: null }], failed: outcome.failed } : outcome;
}
