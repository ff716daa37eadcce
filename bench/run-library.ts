/**
 * Wall time and peak memory of `exum run` over the whole library on the embedded lab (docs/design.md §10: "The full default
 * library on the embedded lab, cold (PKI included): seconds, not minutes"). Run: node --import tsx bench/run-library.ts
 * [--runs N]
 *
 * Each measurement is a child process, so its peak RSS is its own: cold runs start with a fresh temporary lab PKI
 * folder (the first scenario's lab creates it: ~23 RSA keys), warm runs reuse it. The child times `exum run` itself
 * (in-process, as `npm start` runs it, minus Node's and tsx's start-up); the parent times the whole process too.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { memoryIo } from "../harness/cli/cli-io.js";
import { dispatch } from "../harness/cli/main.js";
import { runCommand } from "../harness/cli/run-command.js";

const ROOT = join(import.meta.dirname, "..");

interface Measurement {
  readonly exitCode: number;
  readonly runMs: number;
  readonly maxRssMb: number;
  readonly summary: string;
}

if (process.argv[2] === "--child") {
  const [certs = "", out = ""] = process.argv.slice(3);
  const io = memoryIo({ cwd: ROOT });
  const started = performance.now();
  const exitCode = await dispatch(["run", "--certs", certs, "--out", out], io, [runCommand as never]);
  const runMs = performance.now() - started;
  const summary = /^\d+ scenarios?: .*$/m.exec(io.stdout)?.[0] ?? io.stderr.split("\n")[0] ?? "";
  const measurement: Measurement = { exitCode, runMs, maxRssMb: process.resourceUsage().maxRSS / 1024, summary };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
} else {
  const runsFlag = process.argv.indexOf("--runs");
  const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 1;
  const child = (certs: string, out: string) =>
    new Promise<Measurement & { processMs: number }>((resolve, reject) => {
      const started = performance.now();
      const proc = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "run-library.ts"), "--child", certs, out], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
      let text = "";
      proc.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
      proc.on("error", reject);
      proc.on("close", () => {
        try {
          resolve({ ...(JSON.parse(text.trim().split("\n").at(-1) ?? "") as Measurement), processMs: performance.now() - started });
        } catch (error) {
          reject(new Error(`the child printed no measurement: ${text} (${(error as Error).message})`));
        }
      });
    });
  const line = (what: string, m: Measurement & { processMs: number }) =>
    `  ${what}: exum run ${(m.runMs / 1000).toFixed(2)} s (process ${(m.processMs / 1000).toFixed(2)} s), peak RSS ${m.maxRssMb.toFixed(0)} MB, exit ${m.exitCode}: ${m.summary}`;
  console.log(`exum run, whole library on the embedded lab, ${runs} run(s) each`);
  for (let run = 0; run < runs; run++) {
    const dir = await mkdtemp(join(tmpdir(), "exum-bench-run-"));
    try {
      const certs = join(dir, "certs");
      console.log(line("cold (no lab PKI yet)", await child(certs, join(dir, "reports"))));
      console.log(line("warm (lab PKI in place)", await child(certs, join(dir, "reports"))));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
