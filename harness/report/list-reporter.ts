import type { RunResult, ScenarioResult } from "../model/run-result.js";
import type { ReporterName } from "./reporter-name.js";

/** What a run left on disk, for the list reporter's last lines. */
export interface ReportsWritten {
  /** The run's report folder. */
  readonly dir: string;
  /** Every file written (reports, the run's log, the key log), absolute. */
  readonly files: readonly string[];
  /** Reporters that failed, each with why; the others were written all the same. */
  readonly failed: readonly { readonly reporter: ReporterName; readonly message: string }[];
  /** The runner's own notes. */
  readonly notes: readonly string[];
}

/**
 * The `list` reporter, the terminal's view of a run (docs/design.md §7): a line when the run starts, a line (and the
 * details of what did not pass) as each scenario ends, the summary and where the files are at the end. It is one
 * reporter of the multiplexer (reporter-multiplexer.ts) like the file reporters: `exum run` and `exum smoke` stream
 * it (list.ts), `exum matrix` and `exum report` show the run when it is whole (list-summary.ts).
 */
export interface ListReporter {
  runStarted(headline: string): void;
  scenarioFinished(scenario: ScenarioResult, position: number, total: number): void;
  runFinished(run: RunResult, written: ReportsWritten): void;
}
