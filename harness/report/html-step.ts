import { html, type SafeHtml } from "./escape-html.js";
import { stepAnchor } from "./html-anchor.js";
import { evidenceHtml } from "./html-evidence.js";
import type { FailureFix } from "../model/failure-definition.js";
import type { StepResult } from "../model/run-result.js";
import { stepStory } from "./step-story.js";
import { durationText } from "../model/duration-text.js";

/** The fix box: why it failed, what to change, the commands, where the rule is written. */
export function fixHtml(fix: FailureFix, failure: { readonly code: string; readonly message: string } | null, reason: string | null): SafeHtml {
  return html`<div class="fix"><p><strong>Why:</strong> ${fix.problem}${
    failure === null ? "" : html` <span class="note">(<code>${failure.code}</code>${reason === null ? "" : html`, reason <code>${reason}</code>`}: ${failure.message})</span>`
  }</p><p><strong>Fix:</strong> ${fix.action}</p>${fix.commands.length === 0 ? "" : html`<pre class="commands">${fix.commands.join("\n")}</pre>`}<p class="source">Source: ${fix.source}</p></div>`;
}

/** One step: verdict, what happened in plain language, each expectation, the fix, then the evidence. */
export function stepHtml(scenarioId: string, step: StepResult): SafeHtml {
  const story = stepStory(step);
  const id = stepAnchor(scenarioId, step.index);
  const open = step.verdict === "failed" || step.verdict === "error";
  const meta = [step.kind, step.persona === null ? null : `as ${step.persona}`, step.durationMs > 0 ? durationText(step.durationMs) : null].filter((part) => part !== null).join(" · ");
  return html`<article class="step ${step.verdict}" id="${id}"><header><span class="badge ${step.verdict}">${step.verdict}</span> <h4>${step.path} · ${step.name}</h4><span class="meta">${meta}</span></header><p class="headline">${story.headline}</p>${
    story.expectations.length === 0
      ? ""
      : html`<ul class="expectations">${story.expectations.map((expectation) => html`<li class="${expectation.met ? "met" : "unmet"}">${expectation.text}</li>`)}</ul>`
  }${step.error === null ? "" : html`<p class="banner">Harness error <code>${step.error.code}</code>: ${step.error.message}${step.error.hint === null ? "" : html` — ${step.error.hint}`}</p>`}${
    story.fix === null ? (story.failure === null ? "" : html`<p><strong>Failure:</strong> <code>${story.failure.code}</code> — ${story.failure.message}</p>`) : fixHtml(story.fix, story.failure, story.reason)
  }${
    story.findings.length === 0
      ? ""
      : html`<div class="fix">${story.findings.map((finding) => html`<p><strong>${finding.title}:</strong> ${finding.message}${finding.fix === null ? "" : html`<br><strong>Fix:</strong> ${finding.fix}`}</p>`)}</div>`
  }${step.evidence === null ? "" : evidenceHtml(step.evidence, id, open, step.persona === null ? "exum" : `exum as ${step.persona}`)}</article>`;
}
