/**
 * The command registry loads a command's handler only when that command runs (cli-command.ts, docs/design.md §10):
 * `exum --version` and `exum --help` start without sip.js, node-forge, zod, pino, the lab or the reporters. Each case
 * runs bin/exum.ts in a process of its own (the test runner has loaded everything already) with a resolve hook that
 * records every module the process resolves; a bad `exum options` is the control that the recorder sees what a
 * handler loads.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import type { TeardownHost } from "../testing/teardown-host.js";
import { tempDir } from "../testing/temp-dir.js";

const ROOT = join(import.meta.dirname, "..", "..");
const RECORDER = join(ROOT, "harness", "testing", "record-module-loads.mjs");
const HEAVY_PACKAGES = ["sip.js", "node-forge", "zod", "pino", "yaml", "playwright-core", "dns-packet", "sdp-transform"];
const HEAVY_LAYERS = ["lab", "sip", "tls", "pki", "capture", "media", "report/html", "scenario/run-plans"];

/** The modules `exum <args>` resolves: npm packages by name, ours by path under harness/. */
async function loadsOf(t: TeardownHost, args: readonly string[]): Promise<{ packages: Set<string>; ours: string[] }> {
  const dir = await tempDir(t);
  const file = join(dir, "loads.txt");
  await new Promise<void>((resolve) => {
    // The child's V8 coverage goes to a folder of its own: it runs the sources through tsx, whose source maps differ
    // from the test loader's, and merged into the run's coverage they would count every function twice, once unrun.
    const env = { ...process.env, EXUM_RECORD_MODULE_LOADS: file, NO_COLOR: "1", NODE_V8_COVERAGE: join(dir, ".child-coverage"), _TAPJS_PROCESSINFO_COVERAGE_: "0" };
    // Bounded: none of these commands touches the network.
    execFile(process.execPath, ["--import", "tsx", "--import", RECORDER, join(ROOT, "bin", "exum.ts"), ...args], { cwd: ROOT, env, timeout: 60_000 }, () => resolve());
  });
  const urls = (await readFile(file, "utf8")).split("\n").map((line) => line.split(" ")[0] ?? "").filter((url) => url.startsWith("file:"));
  const packages = new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
  const ours = urls.flatMap((url) => /\/harness\/(.+)\.ts$/.exec(url)?.[1] ?? []);
  return { packages, ours };
}

/** A command's handler module (cli-command.ts). */
function isHandler(path: string): boolean {
  return /^cli\/[a-z-]+-handler$/.test(path);
}

function heavyOf(loads: { packages: Set<string>; ours: string[] }): string[] {
  return [...HEAVY_PACKAGES.filter((name) => loads.packages.has(name)), ...loads.ours.filter((path) => HEAVY_LAYERS.some((layer) => path.startsWith(`${layer}/`) || path.startsWith(layer)))];
}

t.test("exum --version loads neither yargs nor any command", async (t) => {
  const loads = await loadsOf(t, ["--version"]);
  t.same(heavyOf(loads), []);
  t.notOk(loads.packages.has("yargs"), "answered before the parser is loaded");
  t.notOk(loads.ours.some((path) => isHandler(path)), "no handler");
});

t.test("exum --help lists every command with their descriptions only", async (t) => {
  const loads = await loadsOf(t, ["--help"]);
  t.same(heavyOf(loads), []);
  t.ok(loads.packages.has("yargs"));
  t.same(loads.ours.filter((path) => isHandler(path)), []);
});

t.test("the control: `exum options` loads its handler and what it needs, and no other command's", async (t) => {
  const loads = await loadsOf(t, ["options", "http://x"]);
  t.ok(loads.ours.includes("cli/options-handler"), "its handler");
  t.ok(loads.ours.some((path) => path.startsWith("sip/")) && loads.packages.has("sip.js"), "the SIP layer and sip.js");
  t.same(loads.ours.filter((path) => isHandler(path) && path !== "cli/options-handler"), []);
  t.notOk(loads.packages.has("zod"), "no zod: the --json format version is not the schema (model/probe-output-version.ts)");
});
