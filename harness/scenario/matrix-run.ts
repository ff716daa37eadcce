import { SYSTEM_CLOCK, stopwatch, type Clock } from "../model/clock.js";
import { RUN_DEFAULTS } from "./run-options.js";
import { isHarnessError } from "../errors/harness-error.js";
import type { PortMode } from "../lab/index.js";
import { startLab, type Lab } from "../lab/index.js";
import { defaultLoadedTopology } from "../lab/index.js";
import { applyOverrides } from "../lab/index.js";
import type { LoadedTopology, Topology } from "../lab/index.js";
import type { LabEvent } from "../model/lab-event.js";
import { documentedCellText, measuredCellText } from "../report/matrix-cell-text.js";
import type { MatrixResult, MatrixSweep, MeasuredCell } from "../model/matrix-model.js";
import { RUN_SCHEMA_VERSION, type ExpectationResult, type RunError, type RunResult, type ScenarioResult, type StepResult } from "../model/run-result.js";
import { summarizeRun } from "../report/run-summary.js";
import { scenarioVerdict } from "../model/verdict.js";
import { stepVerdict } from "../model/verdict.js";
import { probeMatrixCell } from "./matrix-cell-probe.js";
import { ConnectionPool } from "../sip/connection-pool.js";
import { cellDifferences } from "./matrix-compare.js";
import { MATRIX_SWEEPS, type MatrixSweepSpec } from "./matrix-sweeps.js";
import { makeRunId } from "./run-id.js";
import { scenarioEvents } from "./scenario-events.js";

/** The defaults of {@link MatrixRunOptions} that are values. */
export const MATRIX_DEFAULTS = { timeoutMs: 5000 } as const;

export interface MatrixRunOptions {
  /** The sweeps to run, by id. @defaultValue every sweep of `specs` */
  readonly sweeps?: readonly string[];
  /** The sweeps to choose from. @defaultValue MATRIX_SWEEPS */
  readonly specs?: readonly MatrixSweepSpec[];
  /** The lab topology the overrides apply to. @defaultValue the built-in default lab */
  readonly topology?: LoadedTopology;
  /** The lab PKI directory (created on first use). @defaultValue `certs` under `cwd` */
  readonly certsDir?: string;
  readonly cwd?: string;
  /** @defaultValue "real": each lab on a loopback block of its own with the real ports */
  readonly ports?: PortMode;
  /** Bound on each connect, handshake and final response of a cell's call. @defaultValue 5000 */
  readonly timeoutMs?: number;
  /** Aborted on Ctrl-C: the cells not yet measured are skipped, the run is marked interrupted. */
  readonly signal?: AbortSignal;
  /** A line per cell as it is measured (and the lab PKI's progress when it is created). */
  readonly onProgress?: (line: string) => void;
  readonly toolVersion?: string;
  /** Where the run reads time (the model's times and durations). @defaultValue SYSTEM_CLOCK */
  readonly clock?: Clock;
}

interface CellPlan {
  readonly row: string;
  readonly column: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
}

function runError(error: unknown): RunError {
  if (isHarnessError(error)) return { code: error.code, message: error.message, hint: error.hint ?? null };
  return { code: "EXUM_INTERNAL", message: error instanceof Error ? error.message : String(error), hint: null };
}

/** The cells of a sweep grouped by their lab overrides (cells of a group share one lab), in row-major order. */
function groups(spec: MatrixSweepSpec, base: Topology): { overrides: Record<string, unknown>; cells: CellPlan[] }[] {
  const byKey = new Map<string, { overrides: Record<string, unknown>; cells: CellPlan[] }>();
  spec.rows.values.forEach((row, rowIndex) =>
    spec.columns.values.forEach((column, columnIndex) => {
      const overrides = spec.overrides(row, column, base);
      const key = JSON.stringify(overrides);
      const group = byKey.get(key) ?? { overrides, cells: [] };
      group.cells.push({ row, column, rowIndex, columnIndex });
      byKey.set(key, group);
    }),
  );
  return [...byKey.values()];
}

function expectations(spec: MatrixSweepSpec, path: string, cell: Omit<MeasuredCell, "differences">, differences: MeasuredCell["differences"]): ExpectationResult[] {
  return spec.documented.flatMap((table) => {
    const documented = table.cells.find((entry) => entry.row === cell.row && entry.column === cell.column);
    if (documented === undefined) return [];
    const difference = differences.find((entry) => entry.table === table.id);
    return [
      {
        path: `${path}.expect.documented.${table.id}`,
        expected: documentedCellText(documented),
        seen: measuredCellText({ ...cell, differences: [] }),
        met: difference === undefined,
        message: difference === undefined ? null : `${table.title} says ${difference.expected}; measured ${difference.seen}`,
      },
    ];
  });
}

function skippedStep(spec: MatrixSweepSpec, cell: CellPlan, index: number, base: Topology, error: RunError | null): StepResult {
  const call = spec.call(cell.row, cell.column, base);
  return {
    index,
    path: `cells[${cell.rowIndex}][${cell.columnIndex}]`,
    name: `${spec.rows.setting} ${cell.row} × ${spec.columns.setting} ${cell.column}`,
    kind: "call",
    persona: call.persona,
    target: { ref: call.ref, role: "callRouter", fqdn: call.server, port: null, transport: call.transport, requestUri: call.requestUri },
    startedAt: null,
    durationMs: 0,
    evidence: null,
    expectations: [],
    verdict: error === null ? "skipped" : "error",
    error,
  };
}

async function runSweep(spec: MatrixSweepSpec, loaded: LoadedTopology, options: MatrixRunOptions, clock: Clock): Promise<{ scenario: ScenarioResult; sweep: MatrixSweep }> {
  const base = loaded.topology;
  const id = `matrix-${spec.id}`;
  const startedAt = clock.now().toISOString();
  const elapsed = stopwatch(clock);
  const steps: StepResult[] = [];
  const cells: MeasuredCell[] = [];
  const events: LabEvent[] = [];
  const notes: string[] = [];
  let error: RunError | null = null;
  const all = groups(spec, base);
  notes.push(`${all.length} lab${all.length === 1 ? "" : "s"}, one per distinct set of topology overrides; one call per cell`);

  for (const group of all) {
    let lab: Lab | undefined;
    if (error === null && options.signal?.aborted !== true) {
      try {
        lab = await startLab({
          topology: applyOverrides(loaded, group.overrides, { file: `exum matrix (${spec.id})` }),
          ports: options.ports ?? "real",
          dns: false,
          ...(options.certsDir === undefined ? {} : { certsDir: options.certsDir }),
          ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        });
      } catch (caught) {
        error = runError(caught);
      }
    }
    // One pool per lab: the cells of a group call the same servers as personas of their own (docs/design.md §10
    // "Connection reuse"); a new lab is new servers, so its cells connect anew.
    const connections = new ConnectionPool();
    try {
      for (const cell of group.cells) {
        const index = steps.length;
        if (lab === undefined || options.signal?.aborted === true) {
          steps.push(skippedStep(spec, cell, index, base, null));
          continue;
        }
        const call = spec.call(cell.row, cell.column, base);
        const path = `cells[${cell.rowIndex}][${cell.columnIndex}]`;
        const stepElapsed = stopwatch(clock);
        const stepStartedAt = clock.now().toISOString();
        try {
          const probe = await probeMatrixCell(lab, call, { clock, connections, timeoutMs: options.timeoutMs ?? MATRIX_DEFAULTS.timeoutMs, ...(options.signal === undefined ? {} : { signal: options.signal }) });
          const measured = { row: cell.row, column: cell.column, ...probe.measured, step: { scenario: id, index } };
          const differences = cellDifferences(measured, spec.documented);
          const checked = expectations(spec, path, measured, differences);
          cells.push({ ...measured, differences });
          steps.push({
            index,
            path,
            name: `${spec.rows.setting} ${cell.row} × ${spec.columns.setting} ${cell.column}`,
            kind: "call",
            persona: call.persona,
            target: probe.target,
            startedAt: stepStartedAt,
            durationMs: stepElapsed(),
            evidence: probe.evidence,
            expectations: checked,
            verdict: stepVerdict(checked, null),
            error: null,
          });
          options.onProgress?.(`${spec.id}: ${cell.row} × ${cell.column}: ${measuredCellText({ ...measured, differences })}${differences.length > 0 ? " ≠ documented" : ""}`);
        } catch (caught) {
          const problem = runError(caught);
          steps.push({ ...skippedStep(spec, cell, index, base, problem), startedAt: stepStartedAt });
        }
      }
    } finally {
      await connections.close();
      if (lab !== undefined) {
        events.push(...scenarioEvents(lab));
        const problems = await lab.close();
        for (const problem of problems) notes.push(`stopping a lab: ${problem.step}: ${(problem.error as Error)?.message ?? String(problem.error)}`);
      }
    }
  }

  const skipReason = cells.length === 0 && options.signal?.aborted === true ? "interrupted" : null;
  const parts = { id, name: spec.title, summary: spec.description, tags: ["matrix"], file: "exum matrix", skipReason, startedAt, steps, error, events, notes };
  const scenario: ScenarioResult = { ...parts, durationMs: elapsed(), verdict: scenarioVerdict(parts) };
  const sweep: MatrixSweep = {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    persona: spec.persona,
    rows: spec.rows,
    columns: spec.columns,
    cells,
    documented: spec.documented,
  };
  return { scenario, sweep };
}

/**
 * `exum matrix` (docs/design.md §1): sweeps the settings of each MatrixSweepSpec on the embedded lab — a lab per
 * distinct set of topology overrides (per dial plan setting, or per cell when the startup mode changes too), one call
 * per cell as the sweep's persona — and compares every measured cell with the documented tables (docs/protocol.md §2's
 * matrix, the seed's Lync Phone Edition table, §1's UMStartupMode). The result is a run like `exum run`'s: one
 * scenario per sweep, one step per cell with its evidence and one expectation per documented table, plus
 * `matrix` with the grid; a cell that contradicts a table fails its step, so the run's exit code is 1.
 */
export async function runMatrix(options: MatrixRunOptions = {}): Promise<RunResult> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const started = clock.now();
  const runElapsed = stopwatch(clock);
  const loaded = options.topology ?? defaultLoadedTopology();
  const base = loaded.topology;
  const all = options.specs ?? MATRIX_SWEEPS;
  const specs = options.sweeps === undefined ? all : all.filter((spec) => options.sweeps?.includes(spec.id));
  const scenarios: ScenarioResult[] = [];
  const sweeps: MatrixSweep[] = [];
  for (const spec of specs) {
    const { scenario, sweep } = await runSweep(spec, loaded, options, clock);
    scenarios.push(scenario);
    sweeps.push(sweep);
  }
  const matrix: MatrixResult = { sweeps, differences: sweeps.reduce((sum, sweep) => sum + sweep.cells.filter((cell) => cell.differences.length > 0).length, 0) };
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    runId: makeRunId(started),
    tool: { name: "exum", version: options.toolVersion ?? RUN_DEFAULTS.toolVersion },
    startedAt: started.toISOString(),
    finishedAt: clock.now().toISOString(),
    durationMs: runElapsed(),
    target: { kind: "lab", topology: base.name ?? "the built-in default topology" },
    interrupted: options.signal?.aborted === true,
    summary: summarizeRun(scenarios),
    scenarios,
    events: [],
    matrix,
  };
}
