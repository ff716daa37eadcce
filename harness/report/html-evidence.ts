import { html, type SafeHtml } from "./escape-html.js";
import { ladderOf } from "./ladder-model.js";
import { renderLadderSvg } from "./ladder-svg.js";
import { certificateHtml, tlsHtml } from "./html-tls.js";
import { sdpHtml } from "./html-sdp.js";
import { mediaHtml } from "./html-media.js";
import { redactSrtpKeys } from "./redact-srtp-keys.js";
import type { LintEvidence, ProbeEvidence, StepEvidence } from "../model/step-evidence.js";
import type { Hop } from "../model/probe-result.js";
import { hopPlace, roleName } from "./step-story.js";
import { durationText } from "../model/duration-text.js";

function headerValues(hop: Hop, name: string): string[] {
  return [...(hop.headers[name] ?? [])];
}

function hopsTable(hops: readonly Hop[]): SafeHtml {
  const rows = hops.map((hop, index) => {
    const agent = [...headerValues(hop, "server"), ...headerValues(hop, "user-agent")];
    const timings = hop.timings;
    const answer = hop.status === null ? html`<span class="unmet">${hop.failure?.code ?? "no answer"}</span>` : html`${hop.status} ${hop.reason ?? ""}`;
    return html`<tr><td>${index + 1}</td><td>${hop.server ?? hopPlace(hop)}${hop.role === undefined || hop.role === null ? "" : html`<br><span class="note">${roleName(hop.role)}</span>`}<br><span class="note mono">${
      hop.address ?? "?"
    }:${hop.port}/${hop.transport.toUpperCase()}</span></td><td class="mono request">${hop.method} ${hop.target}</td><td>${answer}${
      hop.provisional.length === 0 ? "" : html`<br><span class="note">after ${hop.provisional.join(", ")}</span>`
    }</td><td>${hop.signaling ?? "–"}</td><td class="mono timings">${hop.connection === "reused" ? html`same connection<br>` : ""}connect ${durationText(timings.tcpConnectMs)}<br>TLS ${durationText(timings.tlsHandshakeMs)}<br>first ${durationText(
      timings.firstResponseMs,
    )}<br>final ${durationText(timings.finalResponseMs)}</td><td class="mono">${agent.map((value) => html`<div>${value}</div>`)}</td><td class="mono">${hop.diagnostics.map(
      (diagnostic) => html`<div>${diagnostic.header}: ${diagnostic.raw}</div>`,
    )}</td></tr>`;
  });
  return html`<div class="scroll"><table class="hops"><tr><th>#</th><th>server</th><th>request</th><th>answer</th><th>signalling</th><th>timings</th><th>Server / User-Agent</th><th>diagnostics</th></tr>${rows}</table></div>`;
}

function messages(probe: ProbeEvidence): SafeHtml {
  if (probe.trace.length === 0) return html``;
  return html`<details><summary>SIP messages (${probe.trace.length})</summary>${probe.trace.map(
    (entry) =>
      html`<p class="mono note">+${durationText(entry.atMs)} ${entry.direction} ${entry.transport} ${entry.local} ${entry.direction === "sent" ? "→" : "←"} ${entry.remote} (${entry.wallTime})</p><pre>${redactSrtpKeys(entry.raw)}</pre>`,
  )}</details>`;
}

/** A probe's evidence: the ladder, each hop with its host, status and timings, the messages, TLS facts and the SDP. */
export function probeHtml(probe: ProbeEvidence, id: string, open: boolean, us: string): SafeHtml {
  const what = probe.kind === "call" ? "Call flow" : "OPTIONS";
  const ladder = ladderOf(probe, us);
  const tlsHops = probe.hops.filter((hop) => hop.tls !== null);
  return html`<h5>${what}</h5><div class="ladder-wrap">${renderLadderSvg(ladder, id, `${what}: ${ladder.lanes.map((lane) => lane.title).join(", ")}`)}</div>${hopsTable(probe.hops)}${
    probe.warnings.length === 0 ? "" : html`<ul class="warnings">${probe.warnings.map((warning) => html`<li>${warning}</li>`)}</ul>`
  }${probe.insecure ? html`<p class="banner">--insecure: the servers' certificates were recorded, not enforced.</p>` : ""}${messages(probe)}${
    tlsHops.length === 0 && probe.tls === null
      ? ""
      : html`<details${open ? html` open` : ""}><summary>TLS and certificates</summary>${
          tlsHops.length === 0 && probe.tls !== null ? tlsHtml(probe.tls, "Connection") : tlsHops.map((hop, index) => tlsHtml(hop.tls as NonNullable<Hop["tls"]>, `Hop ${index + 1}: ${hopPlace(hop)}`))
        }</details>`
  }${"media" in probe && probe.media !== null ? mediaHtml(probe.media) : ""}${probe.sdp === null ? "" : html`<details${open ? html` open` : ""}><summary>SDP offer and answer</summary>${sdpHtml(probe.sdp)}</details>`}`;
}

function lintHtml(lint: LintEvidence): SafeHtml {
  return html`${lint.certificate === null ? "" : html`<h5>Certificate</h5><div class="scroll">${certificateHtml(lint.certificate)}</div>`}${
    lint.findings.length === 0
      ? ""
      : html`<h5>Checks</h5><div class="scroll"><table class="findings"><tr><th>check</th><th>result</th><th>finding</th><th>fix</th></tr>${lint.findings.map(
          (finding) =>
            html`<tr class="${finding.status}"><td>${finding.title}<br><span class="note mono">${finding.ruleId} (${finding.severity})</span></td><td>${finding.status}</td><td>${finding.message}</td><td>${finding.fix ?? ""}</td></tr>`,
        )}</table></div>`
  }${lint.tls === null ? "" : html`<details><summary>TLS</summary>${tlsHtml(lint.tls, "Connection")}</details>`}`;
}

/** The evidence of a step, by kind. `id` prefixes the ids inside (ladder markers). */
export function evidenceHtml(evidence: StepEvidence, id: string, open: boolean, us: string): SafeHtml {
  switch (evidence.kind) {
    case "options":
    case "call":
      return probeHtml(evidence, id, open, us);
    case "certs":
      return lintHtml(evidence);
    case "failover":
      return html`${evidence.attempts.map(
        (attempt, index) =>
          html`<h5>Attempt ${index + 1}: ${attempt.server}${attempt.role === null ? "" : ` (${roleName(attempt.role)})`} — ${attempt.evidence.outcome}</h5>${probeHtml(attempt.evidence, `${id}-a${index}`, open, us)}`,
      )}`;
    case "lab":
      return evidence.changes.length === 0 ? html`` : html`<ul class="changes">${evidence.changes.map((change) => html`<li>${change}</li>`)}</ul>`;
    case "wait":
      return html``;
  }
}
