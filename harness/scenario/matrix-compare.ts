import { documentedCellText, measuredCellText } from "../report/matrix-cell-text.js";
import type { CellDifference, DocumentedCell, DocumentedTable, MeasuredCell } from "../model/matrix-model.js";

/**
 * Whether a measured cell contradicts a documented one: a different outcome; for a working cell, other media or another
 * Exchange mode than the table names; for a failing cell, a failure code the table does not name (a table that does
 * not say how the call fails accepts any failure). Null when they agree.
 */
export function compareCell(measured: Omit<MeasuredCell, "differences">, documented: DocumentedCell, table: DocumentedTable): CellDifference | null {
  const differs =
    measured.outcome !== documented.outcome ||
    (documented.outcome === "works" &&
      ((documented.media !== null && measured.negotiated?.media !== documented.media) || (documented.mode !== null && measured.negotiated?.mode !== documented.mode))) ||
    (documented.outcome === "fails" && documented.failures.length > 0 && (measured.failure === null || !documented.failures.includes(measured.failure)));
  if (!differs) return null;
  return { table: table.id, expected: documentedCellText(documented), seen: measuredCellText({ ...measured, differences: [] }) };
}

/** Every difference of a measured cell from the documented tables that have its row and column. */
export function cellDifferences(measured: Omit<MeasuredCell, "differences">, tables: readonly DocumentedTable[]): CellDifference[] {
  return tables.flatMap((table) => {
    const documented = table.cells.find((cell) => cell.row === measured.row && cell.column === measured.column);
    const difference = documented === undefined ? null : compareCell(measured, documented, table);
    return difference === null ? [] : [difference];
  });
}
