/**
 * What starting exum costs (docs/design.md §10 "Start-up"), each figure beside a floor measured in the same run, as a
 * ratio, so a loaded machine moves both: `exum --version` and `exum --help` against `node -e 0`; one `exum options`
 * over mutual TLS to the embedded lab's Call Router against bench/bare-options.mjs (node:tls and a hand-written
 * OPTIONS, the same exchange with the same certificate against the same server); `npm start` (the whole library on
 * the lab) cold — a fresh lab PKI folder — and warm. Wall time is the median of the runs, peak RSS the largest
 * (GNU time's %M, the process and what it waited for). Prints figures, asserts nothing.
 * Run: node --import tsx bench/startup.ts [--runs N] [--start-runs N] [--quick] [--baseline <checkout>]
 * (`--baseline`: also measure another checkout's bin/exum.js, e.g. the main branch, in the same rounds.)
 *
 * The commands run as a user runs them: bin/exum.js, which runs the compiled dist/ (built first when it is older than
 * the sources). The lab runs in this process on kernel-chosen loopback ports; `npm start` starts labs of its own.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { sharedLabPkiDir } from "../harness/lab/lab-pki.js";
import { startLab } from "../harness/lab/lab.js";

const ROOT = join(import.meta.dirname, "..");
const EXUM = join(ROOT, "bin", "exum.js");
const TIME = "/usr/bin/time";
const quick = process.argv.includes("--quick");
const flag = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const runs = flag("--runs", quick ? 5 : 11);
const startRuns = flag("--start-runs", quick ? 1 : 3);
const baselineAt = process.argv.indexOf("--baseline");
const BASELINE = baselineAt >= 0 ? join(process.argv[baselineAt + 1] ?? ".", "bin", "exum.js") : null;
/** Every child is bounded: a hang is a line of the report, not a stalled bench. */
const CHILD_TIMEOUT_MS = 120_000;

interface Sample {
  readonly ms: number;
  readonly code: number | null;
  /** Peak RSS in MB, or null when GNU time is not installed. */
  readonly rssMb: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one command to its end under GNU time (when installed), timing it from spawn to exit. */
async function sample(command: string, args: readonly string[], cwd = ROOT): Promise<Sample> {
  const dir = await mkdtemp(join(tmpdir(), "exum-bench-startup-"));
  const rssFile = join(dir, "rss");
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, [...args]];
  try {
    const started = performance.now();
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(file, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const killer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
      child.on("close", (code) => {
        clearTimeout(killer);
        resolve({ code, stdout, stderr });
      });
    });
    const ms = performance.now() - started;
    const kb = timed ? Number((await readFile(rssFile, "utf8").catch(() => "")).trim().split("\n").at(-1)) : Number.NaN;
    return { ms, ...result, rssMb: Number.isFinite(kb) ? kb / 1024 : null };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface Figure {
  readonly what: string;
  readonly samples: Sample[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const wall = (figure: Figure) => median(figure.samples.map((s) => s.ms));
const rss = (figure: Figure) => {
  const values = figure.samples.flatMap((s) => (s.rssMb === null ? [] : [s.rssMb]));
  return values.length === 0 ? "not measured" : `${Math.max(...values).toFixed(0)} MB`;
};
const failures = (figure: Figure) => figure.samples.filter((s) => s.code !== 0).length;

/** Runs the commands in turn, `count` rounds, so drift in the machine's load falls on each alike. */
async function interleaved(count: number, commands: readonly { what: string; command: string; args: readonly string[] }[]): Promise<Figure[]> {
  const figures = commands.map((c) => ({ what: c.what, samples: [] as Sample[] }));
  for (let round = 0; round < count; round++) {
    for (const [index, c] of commands.entries()) (figures[index] as Figure).samples.push(await sample(c.command, c.args));
  }
  return figures;
}

function row(figure: Figure, floor?: Figure): string {
  const ms = wall(figure);
  const ratio = floor === undefined ? "" : `  ${(ms / wall(floor)).toFixed(2)}× ${floor.what}`;
  const failed = failures(figure) === 0 ? "" : `  (${failures(figure)} of ${figure.samples.length} exited non-zero: ${figure.samples.find((s) => s.code !== 0)?.stderr.trim().split("\n")[0] ?? ""})`;
  return `  ${figure.what.padEnd(34)} ${`${ms.toFixed(0)} ms`.padStart(9)}  peak RSS ${rss(figure).padStart(7)}${ratio}${failed}`;
}

// The compiled output must be what is measured: bin/exum.js says on stderr when it falls back to the sources.
const probe = await sample(process.execPath, [EXUM, "--version"]);
if (probe.stderr !== "") {
  console.log(`dist/ is not current (${probe.stderr.trim()}): npm run build`);
  if (spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
}

console.log(`exum start-up: median wall time of ${runs} runs (npm start: ${startRuns}), peak RSS of the largest, ratios against a floor measured alongside`);
const [floor, version, help, ...baseline] = await interleaved(runs, [
  { what: "node -e 0", command: process.execPath, args: ["-e", "0"] },
  { what: "exum --version", command: process.execPath, args: [EXUM, "--version"] },
  { what: "exum --help", command: process.execPath, args: [EXUM, "--help"] },
  ...(BASELINE === null
    ? []
    : [
        { what: "baseline exum --version", command: process.execPath, args: [BASELINE, "--version"] },
        { what: "baseline exum --help", command: process.execPath, args: [BASELINE, "--help"] },
      ]),
]);
console.log(row(floor as Figure));
console.log(row(version as Figure, floor));
console.log(row(help as Figure, floor));
for (const figure of baseline) console.log(row(figure, floor));

const lab = await startLab({ ports: "ephemeral", dns: false, certsDir: sharedLabPkiDir() });
try {
  const router = "cas01.tukwila.contoso.com";
  const address = lab.server(router).address;
  const port = lab.port(router, "sip-tls");
  const pool = lab.pki.personas.pool;
  const optionsArgs = ["options", `${router}:${port}`, "--cert", pool.chain, "--key", pool.key, "--ca", lab.pki.rootCa, "--resolve", `${router}:*:${address}`];
  const [bare, options, ...baselineOptions] = await interleaved(runs, [
    { what: "bare node:tls OPTIONS (mutual TLS)", command: process.execPath, args: [join(import.meta.dirname, "bare-options.mjs"), address, String(port), router, pool.chain, pool.key, lab.pki.rootCa] },
    { what: "exum options (mutual TLS)", command: process.execPath, args: [EXUM, ...optionsArgs] },
    ...(BASELINE === null ? [] : [{ what: "baseline exum options", command: process.execPath, args: [BASELINE, ...optionsArgs] }]),
  ]);
  console.log(row(bare as Figure));
  console.log(row(options as Figure, bare));
  for (const figure of baselineOptions) console.log(row(figure, bare));
  if (!(bare as Figure).samples.every((s) => s.stdout.startsWith("SIP/2.0 200"))) console.log(`  the bare script did not see 200: ${(bare as Figure).samples[0]?.stdout.trim() ?? ""}`);
} finally {
  await lab.close();
}

// npm start is `exum run` of the whole library on the lab; --certs and --out keep its PKI and reports in a temp folder.
const cold: Figure = { what: "npm start, cold (fresh lab PKI)", samples: [] };
const warm: Figure = { what: "npm start, warm (lab PKI made)", samples: [] };
let slowest = "";
for (let round = 0; round < startRuns; round++) {
  const dir = await mkdtemp(join(tmpdir(), "exum-bench-start-"));
  try {
    const args = ["start", "--silent", "--", "--certs", join(dir, "pki"), "--out", join(dir, "reports"), "--reporter", "json"];
    cold.samples.push(await sample("npm", args));
    warm.samples.push(await sample("npm", args));
    const runId = (await readdir(join(dir, "reports"))).sort().at(-1) ?? "";
    const run = JSON.parse(await readFile(join(dir, "reports", runId, "run.json"), "utf8")) as { durationMs: number; scenarios: { id: string; durationMs: number }[] };
    const top = [...run.scenarios].sort((a, b) => b.durationMs - a.durationMs).slice(0, 4);
    slowest = `warm run: exum run itself ${(run.durationMs / 1000).toFixed(2)} s for ${run.scenarios.length} scenarios (${(run.durationMs / run.scenarios.length).toFixed(0)} ms each on average); slowest: ${top.map((s) => `${s.id} ${s.durationMs.toFixed(0)} ms`).join(", ")}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(row(cold));
console.log(row(warm));
if (slowest !== "") console.log(`  ${slowest}`);
console.log("Goals (docs/design.md §10): exum --version ≤ 2.5× node -e 0; exum options ≤ 3× the bare script; npm start cold ≤ 4 s, warm ≤ 2.5 s.");
