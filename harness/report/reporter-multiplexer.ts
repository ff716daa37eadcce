import { join } from "node:path";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderListSummary } from "./list-summary.js";
import { renderMarkdown } from "./markdown.js";
import { fsReportWriter, writeFileAtomically, type ReportWriter } from "./report-writer.js";
import { REPORT_FILES, REPORTER_NAMES, type ReporterName } from "./reporter-name.js";
import type { RunResult } from "../model/run-result.js";

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

export interface WriteReportsOptions {
  /** `reports/<run-id>/`: created when missing. */
  readonly dir: string;
  /** The reporters chosen (`parseReporters`); `list` prints to `io.out`, the others write their file. */
  readonly reporters: readonly ReporterName[];
  readonly io: ReportIo;
  /** Renderers by reporter, over {@link DEFAULT_RENDERERS} (tests pass one that throws). */
  readonly renderers?: Partial<Record<Exclude<ReporterName, "list">, FileRenderer>>;
  /** @defaultValue the real file system */
  readonly writer?: ReportWriter;
  /** Lines the list reporter prints after the counts (the runner's own notes). */
  readonly notes?: readonly string[];
}

/** What was written and what failed; a failed reporter never stops the others. */
export interface ReportsOutcome {
  readonly written: readonly { readonly reporter: ReporterName; readonly file: string | null }[];
  readonly failed: readonly { readonly reporter: ReporterName; readonly message: string }[];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs every chosen reporter over one run (docs/design.md §7: a failing reporter is reported and never stops the others;
 * Playwright's multiplexer): each file reporter renders its text and writes it to a temp name that is then renamed
 * (report-writer.ts); a reporter that throws — or has no renderer — gets a line on stderr and a note in the list
 * reporter's summary, printed last. The order is the one of REPORTER_NAMES, files first.
 */
export async function writeReports(run: RunResult, options: WriteReportsOptions): Promise<ReportsOutcome> {
  const writer = options.writer ?? fsReportWriter;
  const renderers = { ...DEFAULT_RENDERERS, ...options.renderers };
  const chosen = REPORTER_NAMES.filter((name) => options.reporters.includes(name));
  const written: { reporter: ReporterName; file: string | null }[] = [];
  const failed: { reporter: ReporterName; message: string }[] = [];
  const fail = (reporter: ReporterName, message: string) => {
    failed.push({ reporter, message });
    options.io.err(`warning: the ${reporter} reporter failed: ${message}; the other reports are not affected\n`);
  };

  const files = chosen.filter((name): name is Exclude<ReporterName, "list"> => name !== "list");
  if (files.length > 0) {
    try {
      await writer.mkdir(options.dir);
    } catch (error) {
      for (const name of files) fail(name, `cannot create ${options.dir}: ${messageOf(error)}`);
      files.length = 0;
    }
  }
  for (const name of files) {
    const renderer = renderers[name];
    if (renderer === undefined) {
      fail(name, "no renderer is registered for it");
      continue;
    }
    const file = join(options.dir, REPORT_FILES[name]);
    try {
      await writeFileAtomically(writer, file, renderer(run));
      written.push({ reporter: name, file });
    } catch (error) {
      fail(name, messageOf(error));
    }
  }

  if (chosen.includes("list")) {
    const notes = [
      ...failed.map((failure) => `the ${failure.reporter} report was not written (${failure.message})`),
      ...(written.length === 0 ? [] : [`reports in ${options.dir}: ${written.map((entry) => REPORT_FILES[entry.reporter as Exclude<ReporterName, "list">]).join(", ")}`]),
      ...(options.notes ?? []),
    ];
    try {
      options.io.out(renderListSummary(run, notes));
      written.push({ reporter: "list", file: null });
    } catch (error) {
      fail("list", messageOf(error));
    }
  }
  return { written, failed };
}
