import t from "tap";
import { isHarnessError } from "../errors/harness-error.js";
import { durationFlag } from "./duration-flag.js";
import { parseMetricsAddress } from "./metrics-address.js";
import { monitorHtml } from "./monitor-html.js";
import type { MonitorEvent } from "./monitor-event.js";
import { MonitorState, networkEffectiveness } from "./monitor-state.js";
import { nagiosReport } from "./nagios-report.js";
import { labelValue, prometheusText } from "./prometheus-text.js";
import { nextHealth } from "./target-health.js";
import { terminalLines } from "./terminal-lines.js";
import { TerminalView } from "./terminal-view.js";

const CAS = { target: "cas01", role: "callRouter", fqdn: "cas01.contoso.com" } as const;
const AT = "2026-12-03T12:00:00.000Z";
const options = (answered: boolean, misses: number, extra: Partial<MonitorEvent> = {}): MonitorEvent =>
  ({ type: "options", at: AT, ...CAS, answered, status: answered ? 200 : null, reason: answered ? "OK" : null, latencyMs: answered ? 3.4 : null, failure: answered ? null : "no-response", misses, ...extra }) as MonitorEvent;

function state(): MonitorState {
  const s = new MonitorState([CAS], ["voicemail:alice"]);
  s.apply({ type: "started", at: AT, site: "Contoso", targets: [CAS], calls: ["voicemail:alice"], intervalMs: 60_000, downAfter: 5 });
  return s;
}

t.test("the Mediation Server's rule: down after N misses in a row, up on the first answer (docs/protocol.md §6)", async (t) => {
  t.equal(nextHealth("unknown", true, 0, 5), "up");
  t.equal(nextHealth("up", false, 4, 5), "up", "four misses: still up");
  t.equal(nextHealth("up", false, 5, 5), "down", "the fifth");
  t.equal(nextHealth("unknown", false, 5, 5), "down", "never answered: down after five too");
  t.equal(nextHealth("down", false, 9, 5), "down");
  t.equal(nextHealth("down", true, 0, 5), "up");
});

t.test("Prometheus text: families with HELP and TYPE, label values escaped, nothing for what was not measured", async (t) => {
  const s = new MonitorState([{ target: 'we"ird\\', role: "pool", fqdn: "a\nb" }], []);
  t.equal(labelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  const text = prometheusText(s);
  t.match(text, /^# HELP exum_target_up .*\n# TYPE exum_target_up gauge\n# HELP exum_options_latency_seconds/, "no sample before the first answer");
  t.match(text, /^exum_options_checks_total\{target="we\\"ird\\\\",role="pool",fqdn="a\\nb"\} 0$/m);
  t.ok(text.endsWith("\n"));
  const healthy = state();
  healthy.apply(options(true, 0));
  t.match(prometheusText(healthy), /^exum_target_up\{target="cas01",role="callRouter",fqdn="cas01\.contoso\.com"\} 1$/m);
  t.match(prometheusText(healthy), /^exum_options_latency_seconds\{[^}]*\} 0\.0034$/m);
});

t.test("calls: NER counts user-caused endings (486, 600, 603) with the answered ones; endings by status and ms-diagnostics", async (t) => {
  const s = state();
  const call = (outcome: "answered" | "failed", status: number | null, diagnostics: number | null = null): MonitorEvent => ({ type: "call", at: AT, to: "voicemail:alice", outcome, status, reason: null, diagnostics, failure: outcome === "failed" ? "rejected" : null, media: outcome === "answered" ? "two-way" : null, durationMs: 2000 });
  s.apply(call("answered", 200));
  s.apply(call("failed", 486));
  s.apply(call("failed", 503, 15024));
  s.apply(call("failed", 480));
  const view = s.call("voicemail:alice");
  t.equal(view === undefined ? null : networkEffectiveness(view), 0.5);
  t.same(view === undefined ? [] : [...view.endings], [["200", 1], ["486", 1], ["503 ms-diagnostics 15024", 1], ["480", 1]]);
  t.match(prometheusText(s), /^exum_call_network_effectiveness_ratio\{to="voicemail:alice"\} 0\.5$/m);
  t.match(terminalLines(s).at(-1), /^call voicemail:alice: 4 placed, 1 answered, NER 50 %, ACD 2\.0 s, media two-way 1; 200 x1, 486 x1, 503 ms-diagnostics 15024 x1, 480 x1$/);
});

t.test("Nagios: one line, perfdata with thresholds, U where not measured", async (t) => {
  const settings = { certWarnDays: 30, certFailDays: 7 };
  const s = state();
  s.apply(options(true, 0));
  const cert = (daysLeft: number | null, status: "ok" | "warning" | "failure"): MonitorEvent => ({ type: "certificate", at: AT, ...CAS, status, daysLeft, certificate: null, lint: "pass", findings: [], failure: null });
  s.apply(cert(400, "ok"));
  t.same(nagiosReport(s, settings), { status: 0, line: "EXUM OK - 1 targets up | 'cas01_latency'=3ms;;;0 'cas01_cert_days'=400;30:;7:\n" });
  s.apply(cert(6, "failure"));
  t.match(nagiosReport(s, settings), { status: 2, line: /^EXUM CRITICAL - 1 targets up; certificate failed: cas01 6 days left \|/ });
  s.apply(options(false, 1));
  s.apply({ type: "down", at: AT, ...CAS, from: "up", misses: 1, failure: "no-response" });
  t.match(nagiosReport(s, settings), { status: 2, line: /^EXUM CRITICAL - 1 of 1 targets down: cas01 \(no-response\) \| 'cas01_latency'=U;;;0 / });
});

t.test("peer text is escaped in the terminal and on the HTML page", async (t) => {
  const s = state();
  s.apply(options(false, 1, { failure: "rejected", status: 403, reason: "\u001b[2J<script>x</script>" }));
  s.apply({ type: "certificate", at: AT, ...CAS, status: "warning", daysLeft: 20, certificate: { fingerprint256: "AA", serialNumber: "01", subject: "CN=<b>evil</b>", issuer: "CN=ca", validTo: AT }, lint: "pass", findings: ["x: <img src=x>"], failure: null });
  t.notOk(terminalLines(s).join("\n").includes("\u001b"), "no escape character reaches the terminal");
  const page = monitorHtml(s, Date.parse(AT) + 1000);
  t.notMatch(page, /<b>evil|<img/);
  t.match(page, /CN=&lt;b&gt;evil&lt;\/b&gt;/);
});

t.test("--metrics and duration flags", async (t) => {
  t.same(parseMetricsAddress("9464", false), { host: "127.0.0.1", port: 9464 });
  t.same(parseMetricsAddress(":9464", false), { host: "127.0.0.1", port: 9464 });
  t.same(parseMetricsAddress("[::1]:9464", false), { host: "::1", port: 9464 });
  t.same(parseMetricsAddress("10.0.0.5:9464", true), { host: "10.0.0.5", port: 9464 }, "allowed when asked");
  t.throws(() => parseMetricsAddress("10.0.0.5:9464", false), /not a loopback address/);
  t.throws(() => parseMetricsAddress("127.0.0.1:70000", false), /70000 is not a port/);
  t.equal(durationFlag("--interval", "15m", { minMs: 1000, maxMs: 3_600_000 }), 900_000);
  t.equal(durationFlag("--interval", "1s", { minMs: 1000, maxMs: 3_600_000 }), 1000);
  t.equal(durationFlag("--cert-every", "1h", { minMs: 1000, maxMs: 86_400_000 }), 3_600_000);
  t.equal(durationFlag("--interval", "30", { minMs: 1000, maxMs: 3_600_000 }), 30_000, "a bare number is seconds");
  t.equal(durationFlag("--interval", undefined, { minMs: 1000, maxMs: 3_600_000 }), undefined);
  try {
    durationFlag("--interval", "soon", { minMs: 1000, maxMs: 3_600_000 });
    t.fail("should throw");
  } catch (error) {
    t.ok(isHarnessError(error) && error.code === "EXUM_BAD_FLAG" && error.field === "--interval");
  }
});

t.test("the live view: redrawn in place on a TTY, plain event lines otherwise", async (t) => {
  let tty = "";
  let plain = "";
  const live = new TerminalView((text) => (tty += text), true);
  const log = new TerminalView((text) => (plain += text), false);
  const s = state();
  for (const event of [options(true, 0), options(false, 1)]) {
    s.apply(event);
    live.event(event, s);
    log.event(event, s);
  }
  const frames = tty.split("\x1b[2Kcas01").length - 1;
  t.equal(frames, 2, "the target's line drawn twice");
  t.ok(tty.includes("\x1b[3A\x1b[2Kcas01"), "the second frame moves up over the three lines of the first (target, call, blank)");
  t.equal(plain, "12:00:00 cas01 missed OPTIONS 1x: no-response\n", "an answered OPTIONS prints nothing, a miss one line");
});
