import { createHash } from "node:crypto";
import { html, trustedHtml, type SafeHtml } from "./escape-html.js";
import { scenarioAnchor } from "./html-anchor.js";
import { eventsHtml } from "./html-events.js";
import { HTML_SCRIPT } from "./html-script.js";
import { stepHtml } from "./html-step.js";
import { HTML_STYLE } from "./html-style.js";
import { renderMatrixHtml } from "./matrix-html.js";
import type { RunResult, ScenarioResult, VerdictCounts } from "../model/run-result.js";
import { durationText } from "../model/duration-text.js";

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function counts(counted: VerdictCounts): string {
  return `${counted.passed} passed, ${counted.failed} failed, ${counted.error} error${counted.error === 1 ? "" : "s"}, ${counted.skipped} skipped`;
}

/** What the run was against, in words. */
export function targetText(run: RunResult): string {
  return run.target.kind === "lab" ? `the embedded lab (${run.target.topology})` : `site ${run.target.name ?? run.target.file} (${run.target.file})`;
}

function summaryHtml(run: RunResult): SafeHtml {
  const summary = run.summary;
  return html`<div class="summary"><div><span class="label">verdict</span><span class="badge ${summary.verdict}">${summary.verdict}</span></div><div><span class="label">against</span>${targetText(
    run,
  )}</div><div><span class="label">scenarios</span>${summary.scenarios.total}: ${counts(summary.scenarios)}</div><div><span class="label">steps</span>${summary.steps.total}: ${counts(
    summary.steps,
  )}</div><div><span class="label">expectations</span>${summary.expectations.met} of ${summary.expectations.total} met</div><div><span class="label">started</span>${run.startedAt}</div><div><span class="label">duration</span>${durationText(
    run.durationMs,
  )}</div><div><span class="label">run</span><code>${run.runId}</code></div></div>${
    run.interrupted ? html`<p class="banner">The run was interrupted (Ctrl-C): what ran is here, the rest is marked skipped.</p>` : ""
  }`;
}

function tocHtml(run: RunResult): SafeHtml {
  if (run.scenarios.length === 0) return html``;
  return html`<nav class="toc"><h2>Scenarios</h2><div class="scroll"><table class="toc"><tr><th>verdict</th><th>scenario</th><th>steps</th><th>duration</th></tr>${run.scenarios.map(
    (scenario) =>
      html`<tr><td><span class="badge ${scenario.verdict}">${scenario.verdict}</span></td><td><a href="#${scenarioAnchor(scenario.id)}">${scenario.name}</a> <span class="note mono">${scenario.id}</span></td><td>${
        scenario.steps.length
      }</td><td>${durationText(scenario.durationMs)}</td></tr>`,
  )}</table></div></nav>`;
}

function scenarioHtml(scenario: ScenarioResult): SafeHtml {
  return html`<section class="scenario ${scenario.verdict}" id="${scenarioAnchor(scenario.id)}"><h3><span class="badge ${scenario.verdict}">${scenario.verdict}</span> ${scenario.name}</h3><p>${
    scenario.summary
  }</p><p class="note"><code>${scenario.file}</code>${scenario.tags.length === 0 ? "" : html` · tags: ${scenario.tags.join(", ")}`}${
    scenario.durationMs > 0 ? ` · ${durationText(scenario.durationMs)}` : ""
  }${scenario.capture == null ? "" : html` · capture <a href="${scenario.capture}">${scenario.capture}</a> (Wireshark: the TLS keys are inside)`}</p>${scenario.skipReason === null ? "" : html`<p class="note">Skipped: ${scenario.skipReason}</p>`}${scenario.notes.map((note) => html`<p class="note">Note: ${note}</p>`)}${
    scenario.error === null
      ? ""
      : html`<p class="banner">Harness error <code>${scenario.error.code}</code>: ${scenario.error.message}${scenario.error.hint === null ? "" : html` — ${scenario.error.hint}`}</p>`
  }${scenario.steps.map((step) => stepHtml(scenario.id, step))}${eventsHtml(scenario.events, "Event log of the simulated servers")}</section>`;
}

/**
 * report.html (docs/design.md §7): ONE self-contained file — inline CSS, one inline script allowed by its hash, no
 * external font, script or image, and a Content-Security-Policy that forbids every load — with the summary, the
 * compatibility matrix beside the documented tables, every scenario's steps in plain language with their fixes, a
 * ladder diagram of every SIP exchange, TLS and certificate details, offer and answer SDP, and the event log.
 * Everything a peer sent is escaped (the html template escapes every value). A pure function of the run.
 */
export function renderHtml(run: RunResult): string {
  const csp = `default-src 'none'; style-src 'sha256-${sha256(HTML_STYLE)}'; script-src 'sha256-${sha256(HTML_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `exum interop report — ${run.runId}`;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${csp}"><meta name="referrer" content="no-referrer"><title>${title}</title><style>${trustedHtml(
    HTML_STYLE,
  )}</style></head>
<body><header><h1>exum interop report</h1></header><main>${summaryHtml(run)}${run.matrix === undefined ? "" : renderMatrixHtml(run.matrix)}${tocHtml(run)}${run.scenarios.map(scenarioHtml)}${eventsHtml(
    run.events,
    "Event log outside any scenario (start-up, tear-down)",
  )}</main><footer>${run.tool.name} ${run.tool.version} · run <code>${run.runId}</code> · ${run.startedAt} → ${run.finishedAt} · run.json schemaVersion ${run.schemaVersion}</footer><script>${trustedHtml(
    HTML_SCRIPT,
  )}</script></body></html>
`;
  return page.value;
}
