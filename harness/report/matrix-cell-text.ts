import type { DocumentedCell, DocumentedTable, MatrixSweep, MeasuredCell } from "../model/matrix-model.js";

/** A measured cell in a few words: `works: SRTP · Secured`, `fails: incompatible-security-setting (488)`. */
export function measuredCellText(cell: MeasuredCell): string {
  if (cell.outcome === "works") {
    const media = cell.negotiated?.media === null || cell.negotiated === null ? "no media" : cell.negotiated.media.toUpperCase();
    const mode = cell.negotiated?.mode ?? null;
    return `works: ${media}${mode === null ? "" : ` · ${mode}`}`;
  }
  return `fails: ${cell.failure ?? "unclassified"}${cell.status === null ? "" : ` (${cell.status})`}`;
}

/** A documented cell in the same words: `works: SRTP · Secured`, `fails: security-parity or connection-refused`, `fails`. */
export function documentedCellText(cell: DocumentedCell): string {
  if (cell.outcome === "works") {
    const parts = [cell.media?.toUpperCase() ?? null, cell.mode].filter((part) => part !== null);
    return parts.length === 0 ? "works" : `works: ${parts.join(" · ")}`;
  }
  return cell.failures.length === 0 ? "fails" : `fails: ${cell.failures.join(" or ")}`;
}

/** The measured cell at (row, column), if the sweep has one. */
export function measuredAt(sweep: MatrixSweep, row: string, column: string): MeasuredCell | undefined {
  return sweep.cells.find((cell) => cell.row === row && cell.column === column);
}

/** The documented cell at (row, column), if the table has one. */
export function documentedAt(table: DocumentedTable, row: string, column: string): DocumentedCell | undefined {
  return table.cells.find((cell) => cell.row === row && cell.column === column);
}

/** Whether the measured cell at (row, column) contradicts this table. */
export function differsFrom(sweep: MatrixSweep, table: DocumentedTable, row: string, column: string): boolean {
  return measuredAt(sweep, row, column)?.differences.some((difference) => difference.table === table.id) ?? false;
}

/** Every difference of a sweep, one sentence each: `SIPSecured × RequireEncryption: docs/protocol.md §2 … says …; measured …`. */
export function differenceLines(sweep: MatrixSweep): string[] {
  return sweep.cells.flatMap((cell) =>
    cell.differences.map((difference) => {
      const table = sweep.documented.find((entry) => entry.id === difference.table);
      return `${cell.row} × ${cell.column}: ${table?.title ?? difference.table} says ${difference.expected}; measured ${difference.seen}`;
    }),
  );
}

/** `all 9 cells agree` or `2 of 9 cells differ`, for one table. */
export function agreementText(sweep: MatrixSweep, table: DocumentedTable): string {
  const differing = sweep.cells.filter((cell) => cell.differences.some((difference) => difference.table === table.id)).length;
  return differing === 0 ? `all ${sweep.cells.length} cells agree` : `${differing} of ${sweep.cells.length} cells differ`;
}
