import { cp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import t, { type Test } from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import type { RunResult } from "../model/run-result.js";
import { runResultSchema } from "../model/run-result-schema.js";
import { scrubReport } from "../testing/scrub-report.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { runCommand } from "./run-command.js";
import { readIfWritten } from "../testing/read-if-written.js";

// End-to-end (docs/style.md habit 9): scenario files written to a temp folder, the real CLI run in-process. Every lab run
// uses the lab PKI shared by the test files of this checkout (harness/lab sharedLabPkiDir) and a loopback block of its own.
const PKI = ["--certs", sharedLabPkiDir()];
const SCENARIO_TESTDATA = join(import.meta.dirname, "..", "scenario", "testdata");
const TOPOLOGY_TESTDATA = join(import.meta.dirname, "..", "lab", "topology", "testdata");

const OPTIONS = `name: OPTIONS to the Call Router
summary: One OPTIONS over mutual TLS.
tags: [smoke]
steps:
  - options: callRouter
    expect: { outcome: ok, status: 200, tls: { mutual: true } }
`;

async function exum(dir: string, args: string[], signal?: AbortSignal) {
  const io = memoryIo({ cwd: dir, ...(signal === undefined ? {} : { signal }) });
  const code = await dispatch(["run", ...args], io, [runCommand as never]);
  return { code, stdout: io.stdout, stderr: io.stderr, io };
}

/** The run folders under `<dir>/reports`, none when it does not exist. */
async function runDirs(dir: string, out = "reports"): Promise<string[]> {
  return readdir(join(dir, out)).catch(() => []);
}

async function onlyRun(t: Test, dir: string, out = "reports") {
  const runs = await runDirs(dir, out);
  t.equal(runs.length, 1, "one run folder");
  const runDir = join(dir, out, runs[0] ?? "");
  const files = (await readdir(runDir)).sort();
  const model = files.includes("run.json") ? runResultSchema.parse(JSON.parse(await readFile(join(runDir, "run.json"), "utf8"))) : null;
  return { runDir, files, model };
}

t.test("a passing scenario: exit 0, progress and summary on the terminal, the files written whole", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { "options.yaml": OPTIONS });
  const { code, stdout, stderr } = await exum(dir, ["options.yaml", ...PKI]);
  t.equal(code, ExitCode.Ok, "exit 0", { stderr });
  const { runDir, files, model } = await onlyRun(t, dir);
  t.same(files, ["junit.xml", "log.jsonl", "options.pcapng", "report.html", "report.md", "run.json"], "every reporter's file and the scenario's capture; no *.partial or temporary name left");
  // docs/media.md §9: a pcapng (section header block 0x0A0D0D0A) with the TLS key log in a Decryption Secrets Block.
  const pcap = await readFile(join(runDir, "options.pcapng"));
  t.equal(pcap.readUInt32LE(0), 0x0a0d0d0a, "a pcapng file");
  t.ok(pcap.includes(Buffer.from([0x4b, 0x53, 0x4c, 0x54])), "with a TLS key log secrets block (secrets type 0x544c534b, little-endian)");
  t.equal((await stat(join(runDir, "options.pcapng"))).mode & 0o777, 0o600, "it holds TLS secrets: 0600");
  const runId = runDir.split("/").at(-1) ?? "";
  t.match(runId, /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{4}$/);
  t.match(stdout, new RegExp(`^exum run ${runId}: 1 scenario against the embedded lab \\(built-in default\\)\\n`));
  t.match(stdout, /\[1\/1\] passed {2}options: OPTIONS to the Call Router \(\d+ ms\)\n/);
  t.match(stdout, /1 scenario: 1 passed, 0 failed, 0 errors, 0 skipped in /);
  t.match(stdout, new RegExp(`Reports in reports/${runId}/: run\\.json, junit\\.xml, report\\.md, report\\.html, log\\.jsonl, options\\.pcapng\\n$`));
  t.match(model, { schemaVersion: 2, runId, interrupted: false, summary: { verdict: "passed" }, scenarios: [{ id: "options", file: "options.yaml", verdict: "passed" }] });
  const log = (await readFile(join(runDir, "log.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line) as { msg: string });
  t.ok(log.some((entry) => entry.msg === "run finished"), "the log is pino JSON lines");
  t.equal((await stat(join(runDir, "run.json"))).mode & 0o777, 0o644);
});

t.test("the deliberately wrong scenario: exit 1, expected vs seen on the terminal and in JUnit (golden)", async (t) => {
  const dir = await tempDir(t);
  await cp(join(SCENARIO_TESTDATA, "wrong-expectation.yaml"), join(dir, "wrong-expectation.yaml"));
  await writeFiles(dir, { "options.yaml": OPTIONS });
  const { code, stdout } = await exum(dir, ["wrong-expectation.yaml", "options.yaml", ...PKI]);
  t.equal(code, ExitCode.Failed);
  t.match(stdout, /\[1\/2\] FAILED {2}wrong-expectation: Deliberately wrong expectation/);
  t.match(stdout, /steps\[0\]\.expect\.negotiated\.media: expected negotiated\.media rtp, saw srtp/);
  t.match(stdout, /2 scenarios: 1 passed, 1 failed, 0 errors, 0 skipped/);
  const { runDir, model } = await onlyRun(t, dir);
  t.match(model?.scenarios[0]?.steps[0]?.expectations, [
    { path: "steps[0].expect.outcome", met: true },
    { path: "steps[0].expect.negotiated.media", expected: "rtp", seen: "srtp", met: false },
  ]);
  const junit = await readFile(join(runDir, "junit.xml"), "utf8");
  t.match(junit, /<failure message="steps\[0\]\.expect\.negotiated\.media: expected negotiated\.media rtp, saw srtp \(on the wire: 200 OK, SRTP \(Secured\)\)" type="expectation">/);
  t.matchSnapshot(scrubReport(junit), "junit.xml of a real run");
});

t.test("malformed scenario files: exit 2 naming the file and path, nothing written", async (t) => {
  const dir = await tempDir(t);
  await cp(join(SCENARIO_TESTDATA, "malformed"), dir, { recursive: true });
  const cases: [string, string | null][] = [
    ["address-target.yaml", "steps[0].options"],
    ["bad-duration.yaml", "steps[0].wait"],
    ["bad-failure-code.yaml", "steps[1].expect.failure"],
    ["bad-fault.yaml", "steps[0].lab.fault.kind"],
    ["bad-lab-override.yaml", "lab.dialPlans[0].voipSecurity"],
    ["both-media-settings.yaml", "steps[0].call.srtpMode"],
    ["harness-header.yaml", "steps[0].call.headers[0]"],
    ["missing-steps.yaml", "steps"],
    ["no-kind.yaml", "steps[0].option"],
    ["not-yaml.yaml", null],
    ["two-kinds.yaml", "steps[0].call"],
    ["unknown-expect-key.yaml", "steps[1].expect.failur"],
    ["unknown-top-key.yaml", "step"],
  ];
  t.same(cases.map(([file]) => file).sort(), (await readdir(dir)).filter((name) => name.endsWith(".yaml")).sort(), "every fixture is covered");
  for (const [file, path] of cases) {
    const { code, stdout, stderr } = await exum(dir, [file]);
    t.equal(code, ExitCode.BadInput, file);
    t.match(stderr, new RegExp(`^error\\[EXUM_SCENARIO_(INVALID|NOT_YAML)\\]: [^]*${join(dir, file).replace(/[.[\]]/g, "\\$&")}:\\d+:\\d+: `), `${file}: names the file, line and column`);
    if (path !== null) t.ok(stderr.includes(`${path}: `), `${file}: names ${path}`);
    t.equal(stdout, "", `${file}: nothing on stdout`);
  }
  t.same(await runDirs(dir), [], "no report folder");
});

t.test("a role the lab cannot bind is bad input too (exit 2)", async (t) => {
  const dir = await tempDir(t);
  await cp(join(SCENARIO_TESTDATA, "unbound", "unknown-user.yaml"), join(dir, "unknown-user.yaml"));
  const { code, stderr } = await exum(dir, ["unknown-user.yaml"]);
  t.equal(code, ExitCode.BadInput);
  t.match(stderr, /error\[EXUM_SCENARIO_UNBOUND\]: .*unknown-user\.yaml:4:17: steps\[0\]\.call\.to: "zed" is not a UM-enabled user of the lab/);
  t.same(await runDirs(dir), []);
});

t.test("malformed site files: exit 2 naming the file and path, nothing written", async (t) => {
  const dir = await tempDir(t);
  await cp(join(SCENARIO_TESTDATA, "sites"), join(dir, "sites"), { recursive: true });
  await writeFiles(dir, { "options.yaml": OPTIONS });
  const cases: [string, string][] = [
    ["literal-passphrase.yaml", "identity.passphrase"],
    ["address-role.yaml", "roles.callRouter"],
    ["pfx-and-cert.yaml", "identity.pfx"],
    ["missing-domain.yaml", "domain"],
    ["bad-resolve.yaml", "resolve[0]"],
    ["unknown-role.yaml", "roles.callrouter"],
    ["missing-files.yaml", "identity.pfx"],
  ];
  for (const [file, path] of cases) {
    const { code, stderr } = await exum(dir, ["options.yaml", "--site", join("sites", file)]);
    t.equal(code, ExitCode.BadInput, file);
    t.match(stderr, /^error\[EXUM_SITE_INVALID\]: /, file);
    t.ok(stderr.includes(join(dir, "sites", file)) && stderr.includes(`${path}: `), `${file}: names the file and ${path}`);
  }
  const { code, stderr } = await exum(dir, ["options.yaml", "--site", join("sites", "valid.yaml")]);
  t.equal(code, ExitCode.BadInput, "a valid site whose files are not what they say");
  t.match(stderr, /error\[EXUM_NOT_A_CERTIFICATE\]: .*valid\.yaml: caBundle: .*ca\.pem is not a certificate/);
  t.same(await runDirs(dir), [], "no report folder");
});

t.test("malformed topology files (--topology): exit 2 naming the file and path, nothing written", async (t) => {
  const dir = await tempDir(t);
  await cp(TOPOLOGY_TESTDATA, join(dir, "topology"), { recursive: true });
  await writeFiles(dir, { "options.yaml": OPTIONS });
  const cases: [string, string | null][] = [
    ["unknown-key.yaml", "dialPlans[0].VoIPSecurity"],
    ["bad-enum.yaml", "dialPlans[0].voipSecurity"],
    ["dangling-reference.yaml", "dialPlans[0].servers[1]"],
    ["duplicate-fqdn.yaml", "servers[1].fqdn"],
    ["bad-role.yaml", "servers[0].role"],
    ["not-yaml.yaml", null],
    ["empty.yaml", null],
  ];
  for (const [file, path] of cases) {
    const { code, stderr } = await exum(dir, ["options.yaml", "--topology", join("topology", file)]);
    t.equal(code, ExitCode.BadInput, file);
    t.match(stderr, /^error\[EXUM_TOPOLOGY_(INVALID|NOT_YAML)\]: /, file);
    t.ok(stderr.includes(join(dir, "topology", file)), `${file}: names the file`);
    if (path !== null) t.ok(stderr.includes(`${path}: `), `${file}: names ${path}`);
  }
  t.same(await runDirs(dir), [], "no report folder");
});

t.test("bad flags: exit 2, nothing written", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { "options.yaml": OPTIONS, "a-file": "not a folder" });
  const cases: [string[], RegExp][] = [
    [["--shard", "3/2"], /EXUM_BAD_SHARD/],
    [["--reporter", "list,pdf"], /--reporter pdf is not a reporter/],
    [["--grep", "("], /--grep \( is not a regular expression/],
    [["--certs", "a-file"], /--certs .*a-file is not a folder/],
    [["--timeout", "0"], /--timeout 0 is not a positive number/],
    [["--timeout", "abc"], /--timeout takes a number of seconds/],
    [["--out", "a-file"], /--out .*a-file is not a folder/],
    [["--tag", "nothing-has-this"], /EXUM_NO_SCENARIOS/],
    [["missing.yaml"], /EXUM_SCENARIO_UNREADABLE/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await exum(dir, [...(args[0]?.startsWith("-") ? ["options.yaml"] : []), ...args]);
    t.equal(code, ExitCode.BadInput, args.join(" "));
    t.match(stderr, message, args.join(" "));
  }
  t.same(await runDirs(dir), []);
});

t.test("a harness error (the scenario's timeout): exit 3, an <error> in JUnit", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { "slow.yaml": "name: Slow\nsummary: Waits longer than it may.\ntimeout: 200ms\nsteps:\n  - wait: 10s\n" });
  const { code, stdout } = await exum(dir, ["slow.yaml", ...PKI]);
  t.equal(code, ExitCode.HarnessError);
  t.match(stdout, /\[1\/1\] ERROR {3}slow: Slow/);
  t.match(stdout, /error\[EXUM_SCENARIO_TIMEOUT\]: the scenario did not finish within its timeout \(200 ms\)/);
  const { runDir } = await onlyRun(t, dir);
  t.match(await readFile(join(runDir, "junit.xml"), "utf8"), /<error message="steps\[0\]: the scenario did not finish within its timeout \(200 ms\)" type="EXUM_SCENARIO_TIMEOUT">/);
});

t.test("Ctrl-C mid-run: exit 130, run.json of what ran", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, {
    "a-options.yaml": OPTIONS,
    "b-long.yaml": "name: Long\nsummary: Waits, and is interrupted.\nsteps:\n  - options: callRouter\n  - wait: 30s\n",
    "c-never.yaml": "name: Never\nsummary: Never runs.\nsteps:\n  - options: callRouter\n",
  });
  const controller = new AbortController();
  const pending = exum(dir, [".", ...PKI], controller.signal);
  const started = Date.now();
  // Abort once the second scenario is waiting: its first step is in the run's log.
  const waiting = (line: string) => line.includes('"scenario":"b-long"') && line.includes('"step":"steps[0]"') && line.includes('"msg":"step finished"');
  while (Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const runs = await runDirs(dir);
    const log = runs[0] === undefined ? "" : await readIfWritten(join(dir, "reports", runs[0], "log.jsonl.partial"));
    if (log.split("\n").some(waiting)) break;
  }
  controller.abort();
  const { code, stdout } = await pending;
  t.equal(code, ExitCode.Interrupted);
  t.ok(Date.now() - started < 20_000, "it did not wait the 30 s");
  t.match(stdout, /Interrupted: 3 scenarios: 1 passed, 0 failed, 0 errors, 2 skipped/);
  const { files, model } = await onlyRun(t, dir);
  t.same(files, ["a-options.pcapng", "b-long.pcapng", "junit.xml", "log.jsonl", "report.html", "report.md", "run.json"], "the captures of what ran are kept too");
  t.equal(model?.interrupted, true);
  t.same(model?.scenarios.map((s) => [s.id, s.verdict, s.skipReason]), [
    ["a-options", "passed", null],
    ["b-long", "skipped", "interrupted (Ctrl-C) while it ran"],
    ["c-never", "skipped", "interrupted (Ctrl-C) before it ran"],
  ]);
  t.same(model?.scenarios[1]?.steps.map((step) => step.verdict), ["passed", "skipped"], "what ran is kept");
});

t.test("--json prints the model on stdout; --reporter chooses the files; --keylog writes the key log", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { "options.yaml": OPTIONS });
  const { code, stdout, stderr } = await exum(dir, ["options.yaml", "--json", "--reporter", "list,junit", "--out", "out", "--keylog", "--no-pcap", ...PKI]);
  t.equal(code, ExitCode.Ok);
  const model = JSON.parse(stdout) as RunResult;
  t.equal(model.scenarios[0]?.verdict, "passed", "stdout is the run model");
  t.match(stderr, /\[1\/1\] passed {2}options/, "progress went to stderr");
  const { runDir, files } = await onlyRun(t, dir, "out");
  t.same(files, ["junit.xml", "keylog.txt", "log.jsonl"], "no run.json without the json reporter, no capture with --no-pcap");
  const keylog = await readFile(join(runDir, "keylog.txt"), "utf8");
  t.match(keylog, /^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|CLIENT_RANDOM|SERVER_HANDSHAKE_TRAFFIC_SECRET) [0-9a-f]+ [0-9a-f]+$/m, "NSS key log lines");
  t.equal((await stat(join(runDir, "keylog.txt"))).mode & 0o777, 0o600, "secrets: 0600");
});

t.test("--tag, --grep and --shard choose scenarios; --timeout bounds steps that give none", async (t) => {
  const dir = await tempDir(t);
  const scenario = (name: string, tags: string) => `name: ${name}\nsummary: ${name}.\ntags: [${tags}]\nsteps:\n  - options: callRouter\n`;
  await writeFiles(dir, { "a.yaml": scenario("Alpha", "smoke"), "b.yaml": scenario("Beta", "tls"), "c.yaml": scenario("Gamma", "smoke, tls") });
  const ran = async (args: string[]) => {
    const { code, stdout } = await exum(dir, [".", "--json", "--reporter", "list", ...PKI, ...args]);
    t.equal(code, ExitCode.Ok, args.join(" "));
    return (JSON.parse(stdout) as RunResult).scenarios.map((s) => s.id);
  };
  t.same(await ran(["--tag", "smoke"]), ["a", "c"]);
  t.same(await ran(["--grep", "^b|gamma"]), ["b", "c"]);
  t.same(await ran(["--shard", "2/2"]), ["c"]);
  t.same(await ran(["--tag", "tls", "--shard", "1/2"]), ["b"]);
  const { stdout } = await exum(dir, ["a.yaml", "--json", "--reporter", "list", "--timeout", "1.5", ...PKI]);
  t.equal((JSON.parse(stdout) as RunResult).scenarios[0]?.verdict, "passed");
});

t.test("two files with one scenario name: exit 2", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, { "one.yaml": OPTIONS, "two.yaml": OPTIONS });
  await writeFile(join(dir, "three.yaml"), OPTIONS);
  const { code, stderr } = await exum(dir, ["one.yaml", "two.yaml"]);
  t.equal(code, ExitCode.BadInput);
  t.match(stderr, /EXUM_SCENARIO_DUPLICATE_NAME/);
});

t.test("exum run from a folder without scenarios/ runs the library exum ships", async (t) => {
  const dir = await tempDir(t);
  const { code, stdout } = await exum(dir, ["--grep", "^happy-path$", "--reporter", "list", ...PKI]);
  t.equal(code, ExitCode.Ok, stdout);
  t.match(stdout, /1 scenario against the embedded lab/);
  t.match(stdout, /passed {2}happy-path: /);
});


t.test("--jobs: a whole number from 1 to 32, and not with --site; exit 2 before anything is written", async (t) => {
  const dir = await tempDir(t);
  for (const [args, message] of [
    [["--jobs", "0"], /--jobs 0 is not a whole number from 1 to 32/],
    [["--jobs", "2.5"], /--jobs 2.5 is not a whole number/],
    [["--jobs", "2", "--site", "site.yaml"], /--jobs 2 with --site: a site's servers are real/],
  ] as const) {
    const { code, stderr } = await exum(dir, [...args]);
    t.equal(code, 2, args.join(" "));
    t.match(stderr, message);
  }
  t.same((await readdir(dir)).filter((name) => name !== ".exum"), [], "nothing written");
});
