import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { startTestLab } from "../lab/lab-test-fixture.js";
import type { Lab } from "../lab/lab.js";
import type { MonitorEvent } from "../monitor/monitor-event.js";
import { generateRsaKeyPairAsync } from "../pki/key-pair.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { readIfWritten } from "../testing/read-if-written.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { monitorCommand } from "./monitor-command.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const MBX2 = "mbx02.tukwila.contoso.com";

/** The running lab as a site (as smoke-command.test.ts does): its FQDNs, resolve: to its addresses, the pool's PFX. */
function siteYaml(lab: Lab, extra = ""): string {
  const resolve = [...lab.servers.values()].map((server) => `${server.fqdn}:*:${server.address}`);
  return `name: the lab as a site
domain: contoso.com
roles:
  callRouter: ${CAS}
  umService: [${MBX1}, ${MBX2}]
  pool: pool01.contoso.com
  mediation: med01.contoso.com
identity: { pfx: ${lab.pki.certificates.pool01?.cert.replace(/\.crt$/, ".pfx") ?? ""}, passphraseEnv: EXUM_SITE_PASSPHRASE }
caBundle: ${lab.pki.rootCa}
users: [alice@contoso.com]
resolve: [${resolve.join(", ")}]
timeout: 2s
${extra}`;
}

function monitor(dir: string, args: readonly string[], signal?: AbortSignal) {
  const io = memoryIo({ cwd: dir, env: { EXUM_SITE_PASSPHRASE: "exum" }, ...(signal === undefined ? {} : { signal }) });
  const done = dispatch(["monitor", ...args], io, [monitorCommand as never]);
  return { io, done };
}

async function eventsIn(file: string): Promise<MonitorEvent[]> {
  const text = await readIfWritten(file);
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as MonitorEvent);
}

/** Polls `events.jsonl` until `found` holds, for at most `ms`. */
async function waitFor(file: string, found: (events: MonitorEvent[]) => boolean, ms: number): Promise<MonitorEvent[]> {
  const until = Date.now() + ms;
  let events = await eventsIn(file);
  while (!found(events) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    events = await eventsIn(file);
  }
  return events;
}

function scrape(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: 3000 }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"]), body }));
    });
    req.on("timeout", () => req.destroy(new Error("scrape timed out")));
    req.on("error", reject);
    req.end();
  });
}

/** A certificate for `fqdn` from the lab root that expires in `days` days: "renewed" too late. */
async function expiringIdentity(lab: Lab, fqdn: string, days: number) {
  const root = lab.pki.manifest.root.files;
  const [keyPem, keyPair] = await Promise.all([readFile(join(lab.pki.dir, root.key), "utf8"), generateRsaKeyPairAsync()]);
  const ca = { certPem: lab.pki.rootCaPem, keyPem, chainPem: lab.pki.rootCaPem, caPem: lab.pki.rootCaPem };
  const issued = issueCertificate(ca, { commonName: fqdn, dnsNames: [fqdn], keyPair, validity: { notBeforeDays: -1, notAfterDays: days } });
  return { certPem: issued.chainPem, keyPem: issued.keyPem, label: `${fqdn}, ${days} days` };
}

t.test("monitoring the lab at 1 s while a UM server stops and another's certificate is replaced", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab) });
  const eventsFile = join(dir, "events.jsonl");
  const controller = new AbortController();
  const { io, done } = monitor(dir, ["--site", "site.yaml", "--interval", "1s", "--down-after", "2", "--events", "events.jsonl", "--metrics", "127.0.0.1:0", "--html", "monitor.html"], controller.signal);
  t.teardown(() => controller.abort());

  // Every target answered once, every certificate checked.
  let events = await waitFor(eventsFile, (list) => new Set(list.flatMap((e) => (e.type === "options" && e.answered ? [e.target] : []))).size === 5 && list.filter((e) => e.type === "certificate").length >= 5, 15_000);
  t.match(events[0], { type: "started", site: "the lab as a site", targets: [{ target: "cas01", role: "callRouter" }, { target: "mbx01", role: "umService" }, { target: "mbx02" }, { target: "pool01", role: "pool" }, { target: "med01", role: "mediation" }], calls: [], intervalMs: 1000, downAfter: 2 });
  t.same(events.filter((e) => e.type === "certificate").map((e) => e.type === "certificate" && [e.target, e.status, e.lint]).sort(), [["cas01", "ok", "pass"], ["mbx01", "ok", "pass"], ["mbx02", "ok", "pass"], ["med01", "ok", "pass"], ["pool01", "ok", "pass"]].sort());
  const port = /metrics at http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(io.stderr)?.[1];
  t.ok(port, "the metrics address on stderr", { stderr: io.stderr });
  const url = `http://127.0.0.1:${port ?? 0}/metrics`;
  let metrics = await scrape(url);
  t.equal(metrics.status, 200);
  t.equal(metrics.type, "text/plain; version=0.0.4; charset=utf-8");
  t.match(metrics.body, /^# HELP exum_target_up /m);
  t.match(metrics.body, /^# TYPE exum_target_up gauge$/m);
  t.match(metrics.body, /^exum_target_up\{target="mbx01",role="umService",fqdn="mbx01\.tukwila\.contoso\.com"\} 1$/m);
  t.match(metrics.body, /^exum_options_latency_seconds\{target="cas01",role="callRouter",fqdn="cas01\.tukwila\.contoso\.com"\} 0\.\d+$/m);
  t.match(metrics.body, /^exum_certificate_days_left\{target="mbx02",[^}]*\} \d+$/m);

  const before = events.find((e) => e.type === "certificate" && e.target === "mbx02");
  const changedAt = Date.now();
  await lab.setServerState(MBX1, "stopped");
  await lab.setCertificate(MBX2, "issued");
  events = await waitFor(eventsFile, (list) => list.some((e) => e.type === "down" && e.target === "mbx01") && list.some((e) => e.type === "certificate-changed"), 10_000);
  const down = events.find((e) => e.type === "down");
  t.match(down, { type: "down", target: "mbx01", from: "up", misses: 2, failure: "connection-refused" }, "down after two misses (--down-after 2)");
  t.ok(Date.parse(down?.at ?? "") - changedAt < 4_000, "down within two intervals and a check");
  const changed = events.find((e) => e.type === "certificate-changed");
  t.match(changed, { target: "mbx02", before: { fingerprint256: before?.type === "certificate" ? before.certificate?.fingerprint256 : "?" } });
  t.not(changed?.type === "certificate-changed" && changed.after.serialNumber, changed?.type === "certificate-changed" && changed.before.serialNumber, "another serial");
  t.ok(Date.parse(changed?.at ?? "") - changedAt < 2_500, "the change seen within the interval, on the next OPTIONS connection");
  events = await waitFor(eventsFile, (list) => list.some((e) => e.type === "certificate" && e.target === "mbx02" && e.at >= (changed?.at ?? "")), 5_000);
  t.ok(events.some((e) => e.type === "certificate" && e.target === "mbx02" && e.at >= (changed?.at ?? "") && e.status === "ok"), "the new certificate checked at once, and good");
  metrics = await scrape(url);
  t.match(metrics.body, /^exum_target_up\{target="mbx01",[^}]*\} 0$/m);
  t.match(metrics.body, /^exum_options_consecutive_misses\{target="mbx01",[^}]*\} [2-9]$/m);
  t.match(metrics.body, /^exum_certificate_changes_total\{target="mbx02",[^}]*\} 1$/m);
  t.match(metrics.body, /^exum_target_up\{target="mbx02",[^}]*\} 1$/m);

  await lab.setServerState(MBX1, "running");
  events = await waitFor(eventsFile, (list) => list.some((e) => e.type === "up" && e.target === "mbx01"), 5_000);
  t.match(events.find((e) => e.type === "up"), { target: "mbx01", from: "down" });
  metrics = await scrape(url);
  t.match(metrics.body, /^exum_target_up\{target="mbx01",[^}]*\} 1$/m);

  controller.abort();
  const code = await done;
  t.equal(code, ExitCode.Interrupted, "Ctrl-C: exit 130", { stderr: io.stderr });
  events = await eventsIn(eventsFile);
  t.match(events[events.length - 1], { type: "stopped", reason: "signal" });
  t.match(io.stdout, /mbx01 DOWN after 2 missed OPTIONS \(connection-refused\)/, "plain lines when stdout is no terminal");
  t.match(io.stdout, /mbx02 CERTIFICATE CHANGED: serial /);
  const page = await readFile(join(dir, "monitor.html"), "utf8");
  t.match(page, /^<!doctype html>/);
  t.match(page, /down after 2 misses \(connection-refused\)/);
  t.match(page, /certificate changed: serial /);
  t.notMatch(page, /<script|https?:\/\//, "self-contained: no script, no link out");
  await t.rejects(scrape(url), "the metrics endpoint is closed");
});

t.test("--once --nagios: 0 healthy, 1 a certificate within 30 days, 2 a target down", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab) });
  const nagios = async () => {
    const { io, done } = monitor(dir, ["--site", "site.yaml", "--once", "--nagios"]);
    return { code: await done, stdout: io.stdout, stderr: io.stderr };
  };
  let run = await nagios();
  t.equal(run.code, 0, "OK", run);
  t.match(run.stdout, /^EXUM OK - 5 targets up \| 'cas01_latency'=\d+ms;;;0 'cas01_cert_days'=\d+;30:;7: 'mbx01_latency'=/);
  t.equal(run.stdout.split("\n").length, 2, "one line");

  const plain = monitor(dir, ["--site", "site.yaml", "--once", "--events", "once.jsonl"]);
  t.equal(await plain.done, ExitCode.Ok, "--once without --nagios: 0, every target up", { stderr: plain.io.stderr });
  t.match(plain.io.stdout, /^cas01 +UP +callRouter +\d+ ms +certificate ok \d+ d$/m, "a line per target");
  t.match((await eventsIn(join(dir, "once.jsonl"))).at(-1), { type: "stopped", reason: "once" });
  const bounded = monitor(dir, ["--site", "site.yaml", "--interval", "1s", "--for", "2s", "--events", "for.jsonl"]);
  t.equal(await bounded.done, ExitCode.Ok, "--for: 0 when the time is up");
  const timed = await eventsIn(join(dir, "for.jsonl"));
  t.match(timed.at(-1), { type: "stopped", reason: "for" });
  t.ok(timed.filter((e) => e.type === "options" && e.target === "cas01").length >= 2, "an OPTIONS a second");

  await lab.setCertificate(CAS, await expiringIdentity(lab, CAS, 20));
  run = await nagios();
  t.equal(run.code, 1, "WARNING", run);
  t.match(run.stdout, /^EXUM WARNING - 5 targets up; certificate expires soon: cas01 (19|20) days left.* \| .*'cas01_cert_days'=(19|20);30:;7:/);

  await lab.setServerState(MBX1, "stopped");
  t.teardown(() => lab.setServerState(MBX1, "running"));
  run = await nagios();
  t.equal(run.code, 2, "CRITICAL", run);
  t.match(run.stdout, /^EXUM CRITICAL - 1 of 5 targets down: mbx01 \(connection-refused\); certificate expires soon: cas01 .* 'mbx01_latency'=U;;;0 /);
  const failed = monitor(dir, ["--site", "site.yaml", "--once"]);
  t.equal(await failed.done, ExitCode.Failed, "--once without --nagios: 1 when a target is down");
});

t.test("bad input: exit 2 naming the flag or field; with --nagios, UNKNOWN (3)", async (t) => {
  const lab = await startTestLab(t, { ports: "ephemeral" });
  const dir = await tempDir(t);
  await writeFiles(dir, {
    "site.yaml": siteYaml(lab),
    "long-call.yaml": siteYaml(lab, "calls: { every: 1m, to: voicemail:alice, hold: 10s }\n"),
    "no-user.yaml": siteYaml(lab, "calls: { every: 1m, to: voicemail:zed }\n"),
  });
  const cases: [string[], RegExp][] = [
    [["--interval", "1d"], /error\[EXUM_BAD_FLAG\]: --interval 1d is not a duration/],
    [["--interval", "100ms"], /--interval 100ms is out of range/],
    [["--down-after", "0"], /--down-after 0 is not a whole number from 1 to 100/],
    [["--metrics", "0.0.0.0:9464"], /--metrics 0\.0\.0\.0:9464: 0\.0\.0\.0 is not a loopback address/],
    [["--metrics", "localhost:x"], /--metrics localhost:x: expected <address>:<port> or a port/],
    [["--cert-warn-days", "5", "--cert-fail-days", "7"], /--cert-fail-days 7 is more than --cert-warn-days 5/],
    [["--html", "no/such/dir/x.html"], /--html .*: its folder .* does not exist/],
  ];
  for (const [args, message] of cases) {
    const { io, done } = monitor(dir, ["--site", "site.yaml", "--once", ...args]);
    t.equal(await done, ExitCode.BadInput, args.join(" "));
    t.match(io.stderr, message);
  }
  const alone = monitor(dir, ["--site", "site.yaml", "--nagios"]);
  t.equal(await alone.done, 3, "--nagios without --once: UNKNOWN, as every check that cannot run under --nagios");
  t.match(alone.io.stdout, /^EXUM UNKNOWN - EXUM_BAD_FLAG: --nagios needs --once/);
  for (const [file, message] of [
    ["long-call.yaml", /long-call\.yaml: calls\.hold is 10000 ms, longer than safety\.maxHold \(5000 ms\)/],
    ["no-user.yaml", /calls\.to voicemail:zed: .*the site lists no user "zed"/],
  ] as const) {
    const { io, done } = monitor(dir, ["--site", file, "--once"]);
    t.equal(await done, ExitCode.BadInput, file);
    t.match(io.stderr, message);
  }
  const { io, done } = monitor(dir, ["--site", "missing.yaml", "--once", "--nagios"]);
  t.equal(await done, 3, "UNKNOWN");
  t.match(io.stdout, /^EXUM UNKNOWN - EXUM_SITE_UNREADABLE: /);
});

t.test("synthetic calls from the site file: media proof, NER and endings, bounded by safety.maxCalls per hour", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab, "calls: { every: 1s, to: voicemail:alice, hold: 1s }\nsafety: { maxCalls: 2 }\n") });
  const eventsFile = join(dir, "events.jsonl");
  const controller = new AbortController();
  const { io, done } = monitor(dir, ["--site", "site.yaml", "--interval", "5s", "--events", "events.jsonl", "--metrics", "0"], controller.signal);
  t.teardown(() => controller.abort());
  const events = await waitFor(eventsFile, (list) => list.filter((e) => e.type === "call").length >= 2 && list.some((e) => e.type === "call-skipped"), 20_000);
  const port = /metrics at http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(io.stderr)?.[1] ?? "0";
  const metrics = await scrape(`http://127.0.0.1:${port}/metrics`);
  controller.abort();
  t.equal(await done, ExitCode.Interrupted);
  t.match(events[0], { type: "started", calls: ["voicemail:alice"] });
  const calls = events.filter((e) => e.type === "call");
  t.match(calls, [
    { to: "voicemail:alice", outcome: "answered", status: 200, media: "two-way", failure: null },
    { to: "voicemail:alice", outcome: "answered", status: 200, media: "two-way", failure: null },
  ], "answered, media seen both ways");
  t.ok(calls.every((e) => e.type === "call" && e.durationMs >= 1000), "held a second each");
  t.match(events.find((e) => e.type === "call-skipped"), { to: "voicemail:alice", reason: "safety.maxCalls: 2 calls placed in the last hour" });
  t.match(metrics.body, /^exum_calls_attempted_total\{to="voicemail:alice"\} 2$/m);
  t.match(metrics.body, /^exum_calls_answered_total\{to="voicemail:alice"\} 2$/m);
  t.match(metrics.body, /^exum_calls_media_two_way_total\{to="voicemail:alice"\} 2$/m);
  t.match(metrics.body, /^exum_call_endings_total\{to="voicemail:alice",ending="200"\} 2$/m);
  t.match(metrics.body, /^exum_call_network_effectiveness_ratio\{to="voicemail:alice"\} 1$/m);
  t.match(metrics.body, /^exum_call_average_duration_seconds\{to="voicemail:alice"\} \d+(\.\d+)?$/m);
  t.match(metrics.body, /^exum_calls_skipped_total\{to="voicemail:alice"\} [1-9]\d*$/m);
});
