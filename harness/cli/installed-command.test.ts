/**
 * The installed command as a user runs it (bin/exum.js, a process of its own): the full command registry, real
 * signals, exit codes as a shell sees them (docs/design.md §1: 0 ok, 1 failed, 2 bad input, 3 harness error, 130
 * SIGINT, 143 SIGTERM). Everything else calls dispatch() in process; this suite is the one that does not.
 * bin/exum.js runs the compiled dist/ when it is current (always so in CI, where `npm ci` builds it), else the sources
 * through tsx (docs/design.md §10, start-up), so these children run what a user runs.
 * The children write their V8 coverage to a folder of their own (NODE_V8_COVERAGE pointed elsewhere; removing the
 * variable is not enough, tap's spawn hook puts it back): their coverage, of dist/ mapped back to the sources or of the
 * sources mapped by another loader, would overwrite the in-process coverage of the same files in c8's report; every
 * path these children take is also covered in process (dispatch()).
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { ALICE_DIVERSION, probeLab, routerFqdn, VOICEMAIL_PARAMS } from "../testing/probe-fixture.js";
import { readIfWritten } from "../testing/read-if-written.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";

const BIN = join(import.meta.dirname, "..", "..", "bin", "exum.js");
// Ten processes of its own (each starting the TypeScript loader when dist/ is out of date): more than the default 60 s
// on a loaded CI machine.
t.setTimeout(300_000);
const PKI = ["--certs", sharedLabPkiDir()];
/** A bound on every child: none of these commands takes long; a hang fails the test instead of stalling it. */
const CHILD_TIMEOUT_MS = 90_000;

interface Exited {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `exum <args>` in `cwd`; with `interrupt`, sends that signal once `ready` matches what the child printed (or
 * wrote to a file it names), bounded.
 */
function exum(args: readonly string[], cwd: string, interrupt?: { signal: NodeJS.Signals; ready: (stdout: string, stderr: string) => Promise<boolean> }): Promise<Exited> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", NODE_V8_COVERAGE: join(cwd, ".child-coverage"), _TAPJS_PROCESSINFO_COVERAGE_: "0" };
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const killer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
  let polling: NodeJS.Timeout | null = null;
  if (interrupt !== undefined) {
    let sent = false;
    polling = setInterval(() => {
      if (sent) return;
      void interrupt.ready(stdout, stderr).then((ready) => {
        if (ready && !sent) {
          sent = true;
          child.kill(interrupt.signal);
        }
      });
    }, 100);
  }
  return new Promise((resolve) => {
    child.on("close", (code) => {
      clearTimeout(killer);
      if (polling !== null) clearInterval(polling);
      resolve({ code, stdout, stderr });
    });
  });
}

const OPTIONS = "name: OPTIONS\nsummary: One OPTIONS over mutual TLS.\nsteps:\n  - options: callRouter\n    expect: { outcome: ok, status: 200 }\n";
const LONG = "name: Long\nsummary: Waits, and is interrupted.\nsteps:\n  - options: callRouter\n  - wait: 30s\n";

t.test("--help lists every command; --version prints the package's version; both exit 0", async (t) => {
  const dir = await tempDir(t);
  const help = await exum(["--help"], dir);
  t.equal(help.code, 0, help.stderr);
  for (const command of ["run", "smoke", "matrix", "report", "diff", "monitor", "lab", "options", "call", "certs", "selftest"]) t.match(help.stdout, new RegExp(`exum ${command}\\b`), command);
  const version = await exum(["--version"], dir);
  t.equal(version.code, 0);
  const pkg = JSON.parse(await readFile(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  t.equal(version.stdout.trim(), pkg.version);
  // In CI `npm ci` has just built dist/: what ran must be the compiled output, not the sources (bin/exum.js says so on
  // stderr when it falls back). On a developer's machine an edit since the last build makes the fallback legitimate.
  if (process.env["CI"] === "true") t.equal(version.stderr, "", "the compiled dist/ ran");
});

t.test("options and call against the lab: 0 when it worked, 1 when the server's answer is a failure, 2 for bad input", async (t) => {
  const fixture = await probeLab(t);
  const { pki, lab } = fixture;
  const identity = ["--cert", pki.personas.pool.chain, "--key", pki.personas.pool.key, "--ca", pki.rootCa];
  const resolve = [...lab.servers.values()].flatMap((server) => ["--resolve", `${server.fqdn}:*:${server.address}`]);
  const dir = await tempDir(t);
  const ok = await exum(["options", `${routerFqdn}:${fixture.routerPort}`, ...identity, ...resolve], dir);
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, /^OK {2}OPTIONS → 200 OK/);
  const call = [`sip:alice@${routerFqdn}:${fixture.routerPort}${VOICEMAIL_PARAMS}`, "--header", ALICE_DIVERSION];
  const refused = await exum(["call", ...call, ...identity, ...resolve, "--encryption", "DoNotSupportEncryption"], dir);
  t.equal(refused.code, 1, "the Secured dial plan refuses RTP: exit 1");
  t.match(refused.stdout, /failure: srtp-required-by-peer/);
  const bad = await exum(["options", "http://x"], dir);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /^error\[EXUM_BAD_TARGET\]/m);
  t.notMatch(bad.stderr, /\n\s+at /, "no stack trace");
});

t.test("run: 0 and the reports when a scenario passes; 3 for a harness error", async (t) => {
  const dir = await tempDir(t);
  // A lab PKI folder whose `mistakes` is a file: the lab cannot make its PKI, a harness error (EXUM_LAB_START).
  await mkdir(join(dir, "pki"));
  await writeFiles(dir, { "options.yaml": OPTIONS, "pki/mistakes": "a file where the lab PKI's mistakes folder goes" });
  const passed = await exum(["run", "options.yaml", ...PKI], dir);
  t.equal(passed.code, 0, passed.stderr);
  t.match(passed.stdout, /1 scenario: 1 passed/);
  const [runId] = await readdir(join(dir, "reports"));
  t.ok((await readdir(join(dir, "reports", runId ?? ""))).includes("run.json"), "run.json written");
  const broken = await exum(["run", "options.yaml", "--certs", join(dir, "pki"), "--out", "broken"], dir);
  t.equal(broken.code, 3, "the lab could not start: a harness error");
  t.match(broken.stdout, /error\[EXUM_LAB_START\]/);
});

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  t.test(`a real ${signal} mid-run: exit ${code}, what ran is written`, async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "a-options.yaml": OPTIONS, "b-long.yaml": LONG });
    // The run is interrupted once the long scenario is waiting: its first step is in the run's log.
    const ready = async () => {
      const runs = await readdir(join(dir, "reports")).catch(() => [] as string[]);
      const log = runs[0] === undefined ? "" : await readIfWritten(join(dir, "reports", runs[0], "log.jsonl.partial"));
      return log.split("\n").some((line) => line.includes('"scenario":"b-long"') && line.includes('"msg":"step finished"'));
    };
    const started = Date.now();
    const exited = await exum(["run", ".", ...PKI], dir, { signal, ready });
    t.equal(exited.code, code, exited.stderr);
    t.ok(Date.now() - started < CHILD_TIMEOUT_MS, "it did not wait the 30 s step out");
    const [runId] = await readdir(join(dir, "reports"));
    const run = JSON.parse(await readFile(join(dir, "reports", runId ?? "", "run.json"), "utf8")) as { interrupted: boolean; scenarios: { id: string; verdict: string }[] };
    t.equal(run.interrupted, true);
    t.same(run.scenarios.map((scenario) => [scenario.id, scenario.verdict]), [["a-options", "passed"], ["b-long", "skipped"]]);
  });
}

t.test("selftest: the README's quick proof exits 0", async (t) => {
  const dir = await tempDir(t);
  const selftest = await exum(["selftest"], dir);
  t.equal(selftest.code, 0, `${selftest.stdout}\n${selftest.stderr}`);
});
