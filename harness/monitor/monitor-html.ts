import { html, trustedHtml, type SafeHtml } from "../report/escape-html.js";
import { HISTORY_MS, averageCallMs, networkEffectiveness, type MonitorState, type TargetView } from "./monitor-state.js";

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}.bar{position:relative;height:18px;width:600px;background:#eee}
.bar span{position:absolute;top:0;height:18px}.up{background:#3a3}.down{background:#c33}.unknown{background:#bbb}
.ok{color:#282}.warning{color:#b70}.failure{color:#c22}small{color:#666}ul{margin:.2em 0;padding-left:1.2em}`;

/** The timeline of one target over the page's window: a coloured span per health, oldest at the left. */
function timeline(target: TargetView, fromMs: number, toMs: number): SafeHtml {
  const width = Math.max(1, toMs - fromMs);
  const spans = target.spans.map((span, index) => {
    const start = Math.max(span.atMs, fromMs);
    const end = Math.min(target.spans[index + 1]?.atMs ?? toMs, toMs);
    if (end <= start) return null;
    const left = ((start - fromMs) / width) * 100;
    const size = ((end - start) / width) * 100;
    return html`<span class="${span.health}" style="left:${left.toFixed(3)}%;width:${size.toFixed(3)}%" title="${span.health} from ${new Date(span.atMs).toISOString()}"></span>`;
  });
  return html`<div class="bar">${spans}</div>`;
}

/**
 * The HTML page of `--html <file>`: the last 24 h (or since the start) per target — a health timeline, the latest
 * answer, the certificate and its changes — and the synthetic calls. One self-contained file (no script, no
 * network); everything a peer sent is escaped.
 */
export function monitorHtml(state: MonitorState, nowMs: number): string {
  const started = state.startedAt === null ? nowMs : Date.parse(state.startedAt);
  const fromMs = Math.max(started, nowMs - HISTORY_MS);
  const rows = state.targets.map((t) => {
    const cert = t.certificate;
    return html`<tr><td><b>${t.target}</b><br><small>${t.role} ${t.fqdn}</small></td>
<td class="${t.health === "up" ? "ok" : t.health === "down" ? "failure" : ""}">${t.health}</td>
<td>${t.latencyMs === null ? "not measured" : `${Math.round(t.latencyMs)} ms`}${t.misses > 0 ? html`<br><small>${t.misses} missed: ${t.failure ?? ""}</small>` : ""}</td>
<td class="${cert?.status ?? ""}">${cert === null ? "not checked yet" : html`${cert.status}${cert.daysLeft === null ? "" : `, ${cert.daysLeft} days left`}<br><small>${cert.certificate === null ? cert.failure ?? "" : `serial ${cert.certificate.serialNumber}, ${cert.certificate.subject}, issuer ${cert.certificate.issuer}`}</small>${cert.findings.length === 0 ? "" : html`<ul>${cert.findings.map((f) => html`<li>${f}</li>`)}</ul>`}`}</td>
<td>${timeline(t, fromMs, nowMs)}${t.marks.length === 0 ? "" : html`<ul>${t.marks.filter((m) => m.atMs >= fromMs).map((m) => html`<li><small>${new Date(m.atMs).toISOString()}</small> ${m.text}</li>`)}</ul>`}</td></tr>`;
  });
  const calls = state.calls.map((c) => {
    const ner = networkEffectiveness(c);
    const acd = averageCallMs(c);
    return html`<tr><td>${c.to}</td><td>${c.attempted}</td><td>${c.answered}</td><td>${ner === null ? "-" : `${Math.round(ner * 100)} %`}</td><td>${acd === null ? "-" : `${(acd / 1000).toFixed(1)} s`}</td><td>${c.mediaPassed}</td>
<td>${[...c.endings].map(([ending, count]) => html`${ending}: ${count}<br>`)}</td><td>${c.skipped}</td></tr>`;
  });
  const page = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>exum monitor: ${state.site}</title><style>${trustedHtml(STYLE)}</style></head><body>
<h1>exum monitor: ${state.site}</h1>
<p>From ${new Date(fromMs).toISOString()} to ${new Date(nowMs).toISOString()}${state.stoppedAt === null ? "" : ` (stopped ${state.stoppedAt})`}. Timeline: <span class="up">&nbsp;up&nbsp;</span> <span class="down">&nbsp;down&nbsp;</span> <span class="unknown">&nbsp;unknown&nbsp;</span></p>
<table><tr><th>target</th><th>health</th><th>last answer</th><th>certificate</th><th>timeline</th></tr>${rows}</table>
${state.calls.length === 0 ? html`<p>No synthetic calls configured (site file <code>calls:</code>): OPTIONS and certificate checks only.</p>` : html`<h2>Synthetic calls</h2><table><tr><th>to</th><th>placed</th><th>answered</th><th>NER</th><th>average duration</th><th>media two-way</th><th>endings</th><th>skipped</th></tr>${calls}</table>`}
</body></html>
`;
  return page.value;
}
