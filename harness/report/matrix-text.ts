import { agreementText, differenceLines, differsFrom, documentedAt, documentedCellText, measuredAt, measuredCellText } from "./matrix-cell-text.js";
import type { MatrixResult, MatrixSweep } from "../model/matrix-model.js";

/** A plain-text grid: the corner, column headers, then one line per row, columns padded to their widest cell. */
function textGrid(corner: string, columns: readonly string[], rows: readonly string[], cell: (row: string, column: string) => string): string[] {
  const table = [[corner, ...columns], ...rows.map((row) => [row, ...columns.map((column) => cell(row, column))])];
  const widths = table[0]?.map((_, index) => Math.max(...table.map((line) => [...(line[index] ?? "")].length))) ?? [];
  return table.map((line) =>
    line
      .map((text, index) => text + " ".repeat((widths[index] ?? 0) - [...text].length))
      .join("  ")
      .trimEnd(),
  );
}

/** One measured cell for the terminal: `✓ SRTP · Secured`, `✗ incompatible-security-setting (488)`, `≠` first when it differs. */
function cellMark(sweep: MatrixSweep, row: string, column: string): string {
  const cell = measuredAt(sweep, row, column);
  if (cell === undefined) return "–";
  const text = measuredCellText(cell).replace(/^works: /, "✓ ").replace(/^works$/, "✓").replace(/^fails: /, "✗ ");
  return cell.differences.length > 0 ? `≠ ${text}` : text;
}

/** One sweep for the terminal: the measured grid, each documented table as a grid, and every difference. */
export function renderSweepText(sweep: MatrixSweep): string {
  const corner = `${sweep.rows.setting} \\ ${sweep.columns.setting}`;
  const lines = [`${sweep.title}`, `  ${sweep.description}`, ""];
  lines.push("  measured:");
  lines.push(...textGrid(corner, sweep.columns.values, sweep.rows.values, (row, column) => cellMark(sweep, row, column)).map((line) => `    ${line}`));
  for (const table of sweep.documented) {
    lines.push("", `  documented: ${table.title} — ${table.source}${table.note === null ? "" : ` (${table.note})`}`);
    lines.push(
      ...textGrid(corner, sweep.columns.values, sweep.rows.values, (row, column) => {
        const cell = documentedAt(table, row, column);
        if (cell === undefined) return "–";
        const text = documentedCellText(cell).replace(/^works(: )?/, "✓ ").replace(/^fails(: )?/, "✗ ").trimEnd();
        return differsFrom(sweep, table, row, column) ? `≠ ${text}` : text;
      }).map((line) => `    ${line}`),
    );
    lines.push(`    → ${agreementText(sweep, table)}`);
  }
  const differences = differenceLines(sweep);
  if (differences.length > 0) lines.push("", ...differences.map((line) => `  ≠ ${line}`));
  return `${lines.join("\n")}\n`;
}

/** The whole matrix for the terminal (`exum matrix`, the list reporter). */
export function renderMatrixText(matrix: MatrixResult): string {
  const verdict =
    matrix.differences === 0
      ? "every measured cell agrees with the documented tables"
      : `${matrix.differences} measured cell${matrix.differences === 1 ? "" : "s"} contradict${matrix.differences === 1 ? "s" : ""} the documented tables (marked ≠)`;
  return `${matrix.sweeps.map(renderSweepText).join("\n")}\nCompatibility matrix: ${verdict}.\n`;
}
