import { html, type SafeHtml } from "./escape-html.js";
import { stepAnchor } from "./html-anchor.js";
import { agreementText, differenceLines, differsFrom, documentedAt, measuredAt, measuredCellText } from "./matrix-cell-text.js";
import type { DocumentedTable, MatrixResult, MatrixSweep } from "../model/matrix-model.js";

/** A setting's value with a line-break opportunity at each inner capital (`DoNotSupport<wbr>Encryption`): narrow columns. */
function breakable(text: string): SafeHtml {
  return html`${text.split(/(?<=[a-z])(?=[A-Z])/).map((part, index) => (index === 0 ? html`${part}` : html`<wbr>${part}`))}`;
}

function headRow(sweep: MatrixSweep): SafeHtml {
  return html`<tr><th scope="col" class="corner">${sweep.rows.setting} \\ ${sweep.columns.setting}</th>${sweep.columns.values.map((column) => html`<th scope="col">${breakable(column)}</th>`)}</tr>`;
}

function measuredGrid(sweep: MatrixSweep): SafeHtml {
  const rows = sweep.rows.values.map(
    (row) =>
      html`<tr><th scope="row">${breakable(row)}</th>${sweep.columns.values.map((column) => {
        const cell = measuredAt(sweep, row, column);
        if (cell === undefined) return html`<td class="cell missing">–</td>`;
        const differs = cell.differences.length > 0;
        const text = measuredCellText(cell);
        const body = cell.step === null ? html`${text}` : html`<a href="#${stepAnchor(cell.step.scenario, cell.step.index)}">${text}</a>`;
        const title = differs ? cell.differences.map((difference) => `≠ ${difference.table}: documented ${difference.expected}`).join("\n") : text;
        return html`<td class="cell ${cell.outcome}${differs ? " differs" : ""}" title="${title}">${differs ? html`<span class="ne" aria-label="differs from the documented table">≠</span> ` : ""}${body}</td>`;
      })}</tr>`,
  );
  return html`<figure class="grid measured"><figcaption>Measured, as <code>${sweep.persona}</code></figcaption><div class="scroll"><table class="matrix">${headRow(sweep)}${rows}</table></div></figure>`;
}

function documentedGrid(sweep: MatrixSweep, table: DocumentedTable): SafeHtml {
  const rows = sweep.rows.values.map(
    (row) =>
      html`<tr><th scope="row">${breakable(row)}</th>${sweep.columns.values.map((column) => {
        const cell = documentedAt(table, row, column);
        if (cell === undefined) return html`<td class="cell missing">–</td>`;
        const differs = differsFrom(sweep, table, row, column);
        return html`<td class="cell ${cell.outcome}${differs ? " differs" : ""}">${differs ? html`<span class="ne">≠</span> ` : ""}${cell.text}</td>`;
      })}</tr>`,
  );
  return html`<figure class="grid documented"><figcaption>Documented: <strong>${table.title}</strong><br><span class="source">${table.source}</span>${
    table.note === null ? "" : html`<br><span class="note">${table.note}</span>`
  }<br><span class="agree">${agreementText(sweep, table)}</span></figcaption><div class="scroll"><table class="matrix">${headRow(sweep)}${rows}</table></div></figure>`;
}

/** One sweep: the measured grid beside each documented table, cells that differ marked ≠ in both. */
export function renderSweepHtml(sweep: MatrixSweep): SafeHtml {
  const differences = differenceLines(sweep);
  return html`<section class="sweep" id="matrix-${sweep.id}"><h3>${sweep.title}</h3><p>${sweep.description}</p><div class="grids">${measuredGrid(sweep)}${sweep.documented.map((table) => documentedGrid(sweep, table))}</div>${
    differences.length === 0 ? "" : html`<ul class="differences">${differences.map((line) => html`<li><span class="ne">≠</span> ${line}</li>`)}</ul>`
  }</section>`;
}

/** The compatibility matrix section of report.html. */
export function renderMatrixHtml(matrix: MatrixResult): SafeHtml {
  const verdict =
    matrix.differences === 0
      ? html`<p class="verdict-line passed">Every measured cell agrees with the documented tables.</p>`
      : html`<p class="verdict-line failed">${matrix.differences} measured cell${matrix.differences === 1 ? "" : "s"} contradict${matrix.differences === 1 ? "s" : ""} the documented tables (marked ≠).</p>`;
  return html`<section id="matrix" class="matrix-section"><h2>Compatibility matrix</h2>${verdict}<p class="legend"><span class="cell works">works</span> <span class="cell fails">fails</span> <span class="cell differs"><span class="ne">≠</span> differs from the documented table</span></p>${matrix.sweeps.map(renderSweepHtml)}</section>`;
}
