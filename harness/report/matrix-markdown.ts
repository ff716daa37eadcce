import { mdCode, mdTable, mdText } from "./escape-markdown.js";
import { agreementText, differenceLines, differsFrom, documentedAt, measuredAt, measuredCellText } from "./matrix-cell-text.js";
import type { MatrixResult, MatrixSweep } from "../model/matrix-model.js";

function icon(outcome: "works" | "fails"): string {
  return outcome === "works" ? "✅" : "❌";
}

/** One sweep in Markdown: the measured grid (≠ on every cell that differs), each documented table, the differences. */
export function renderSweepMarkdown(sweep: MatrixSweep, level = 3): string {
  const heading = "#".repeat(level);
  const corner = `${mdText(sweep.rows.setting)} \\\\ ${mdText(sweep.columns.setting)}`;
  const header = [corner, ...sweep.columns.values.map((column) => mdText(column))];
  const measured = sweep.rows.values.map((row) => [
    `**${mdText(row)}**`,
    ...sweep.columns.values.map((column) => {
      const cell = measuredAt(sweep, row, column);
      if (cell === undefined) return "–";
      const text = `${icon(cell.outcome)} ${mdText(measuredCellText(cell))}`;
      return cell.differences.length > 0 ? `**≠** ${text}` : text;
    }),
  ]);
  const parts = [`${heading} ${mdText(sweep.title)}`, "", mdText(sweep.description, { atLineStart: true }), "", `Measured (as ${mdCode(sweep.persona)}):`, "", mdTable(header, measured)];
  for (const table of sweep.documented) {
    const rows = sweep.rows.values.map((row) => [
      `**${mdText(row)}**`,
      ...sweep.columns.values.map((column) => {
        const cell = documentedAt(table, row, column);
        if (cell === undefined) return "–";
        const text = `${icon(cell.outcome)} ${mdText(cell.text)}`;
        return differsFrom(sweep, table, row, column) ? `**≠** ${text}` : text;
      }),
    ]);
    parts.push(
      "",
      `Documented: **${mdText(table.title)}** — ${mdText(table.source)}${table.note === null ? "" : ` (${mdText(table.note)})`}: ${agreementText(sweep, table)}.`,
      "",
      mdTable(header, rows),
    );
  }
  const differences = differenceLines(sweep);
  if (differences.length > 0) parts.push("", "Differences:", "", ...differences.map((line) => `- **≠** ${mdText(line)}`));
  return parts.join("\n");
}

/** The compatibility matrix section of report.md. */
export function renderMatrixMarkdown(matrix: MatrixResult, level = 2): string {
  const verdict =
    matrix.differences === 0
      ? "Every measured cell agrees with the documented tables."
      : `**${matrix.differences} measured cell${matrix.differences === 1 ? "" : "s"} contradict${matrix.differences === 1 ? "s" : ""} the documented tables** (marked ≠).`;
  const legend = "✅ the call works · ❌ it fails · **≠** the measurement differs from the documented table";
  return [`${"#".repeat(level)} Compatibility matrix`, "", verdict, "", legend, "", ...matrix.sweeps.map((sweep) => `${renderSweepMarkdown(sweep, level + 1)}\n`)].join("\n");
}
