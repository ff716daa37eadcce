import { createHash } from "node:crypto";
import { html, trustedHtml, type SafeHtml } from "../report/escape-html.js";
import type { DiffEntry } from "./diff-entry.js";
import { DIFF_HTML_STYLE } from "./diff-html-style.js";
import { ASPECT_LABELS, CLASS_LABELS, countsText, scopeText } from "./diff-labels.js";
import type { DiffSide, RunDiff, ScenarioDiff } from "./run-diff.js";

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function targetText(side: DiffSide): string {
  return side.target.kind === "lab" ? `the embedded lab (${side.target.topology})` : `site ${side.target.name ?? side.target.file}`;
}

function value(text: string | null): SafeHtml {
  return text === null ? html`<span class="note">—</span>` : html`<code>${text}</code>`;
}

function entryRow(step: SafeHtml, entry: DiffEntry): SafeHtml {
  return html`<tr class="${entry.class}"><td><span class="badge">${CLASS_LABELS[entry.class]}</span></td><td>${step}</td><td>${ASPECT_LABELS[entry.aspect]}${
    entry.place === null ? "" : html`<br><span class="note">${entry.place}</span>`
  }</td><td>${value(entry.before)}</td><td>${value(entry.after)}</td><td>${entry.reason}</td></tr>`;
}

function scenarioHtml(scenario: ScenarioDiff): SafeHtml {
  return html`<section><h2><code>${scenario.id}</code> ${scenario.name}</h2><table><tr><th>class</th><th>step</th><th>what</th><th>run A</th><th>run B</th><th>why</th></tr>${scenario.changes.map((entry) =>
    entryRow(html`—`, entry),
  )}${scenario.steps.flatMap((step) => step.changes.map((entry) => entryRow(html`<code>${step.path}</code> ${step.name}`, entry)))}</table></section>`;
}

function sideRow(name: string, side: DiffSide): SafeHtml {
  return html`<tr><th>${name}</th><td><code>${side.file}</code></td><td><code>${side.runId}</code></td><td>${side.startedAt}</td><td>${targetText(side)}</td></tr>`;
}

/**
 * The diff for a change ticket (`exum diff --html <file>`): ONE self-contained file — inline CSS allowed by its hash,
 * no script, no external resource, a Content-Security-Policy that forbids every load — with the two runs, the counts
 * by class and one table per scenario. Everything from the files is escaped (the html template escapes every value).
 * A pure function of the diff.
 */
export function renderDiffHtml(diff: RunDiff): string {
  const csp = `default-src 'none'; style-src 'sha256-${sha256(DIFF_HTML_STYLE)}'; base-uri 'none'; form-action 'none'`;
  const summary =
    diff.scenarios.length === 0
      ? html`<p class="summary">No differences in what was negotiated: ${diff.compared} scenario${diff.compared === 1 ? "" : "s"} compared.</p>`
      : html`<p class="summary"><strong>${countsText(diff.counts)}</strong>: ${scopeText(diff.scenarios.length, diff.compared)}; certificate expiry warning: ${diff.expiryWarningDays} days.</p>`;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="referrer" content="no-referrer"><title>exum diff — ${diff.a.runId} → ${diff.b.runId}</title><style>${trustedHtml(
    DIFF_HTML_STYLE,
  )}</style></head>
<body><header><h1>exum diff</h1></header><main><table class="runs"><tr><th></th><th>file</th><th>run</th><th>started</th><th>against</th></tr>${sideRow("run A (baseline)", diff.a)}${sideRow(
    "run B",
    diff.b,
  )}</table>${summary}${diff.scenarios.map(scenarioHtml)}</main><footer class="note">exum diff schemaVersion ${diff.schemaVersion}</footer></body></html>
`;
  return page.value;
}
