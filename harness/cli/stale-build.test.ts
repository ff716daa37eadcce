/**
 * bin/exum.js runs the compiled dist/ only while it is as new as every source it was built from (docs/design.md §10):
 * otherwise the sources, through tsx, with a word on stderr. Each case is a package of its own in a temp folder — the
 * real bin/exum.js and bin/build-manifest.js, a dist/bundle/exum.js and a bin/exum.ts that say which one ran, a
 * dist/build.json as bin/build.js writes it — so the modification times are the test's to set.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import type { TeardownHost } from "../testing/teardown-host.js";
import { tempDir } from "../testing/temp-dir.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCES = ["bin/exum.ts", "harness/cli/main.ts"];

/** A package whose dist/ was built at `builtAt` from SOURCES, every file dated `sourcesAt`. */
async function fakePackage(t: TeardownHost, builtAt: Date, sourcesAt: Date): Promise<string> {
  const dir = await tempDir(t);
  await mkdir(join(dir, "bin"));
  await mkdir(join(dir, "harness", "cli"), { recursive: true });
  await mkdir(join(dir, "dist", "bundle"), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const file of ["exum.js", "build-manifest.js"]) await copyFile(join(ROOT, "bin", file), join(dir, "bin", file));
  await writeFile(join(dir, "bin", "exum.ts"), 'const ran: string = "sources";\nconsole.log(ran);\n');
  await writeFile(join(dir, "harness", "cli", "main.ts"), "export {};\n");
  await writeFile(join(dir, "dist", "bundle", "exum.js"), 'console.log("compiled");\n');
  await writeFile(join(dir, "dist", "build.json"), JSON.stringify({ startedAt: builtAt.getTime(), sources: SOURCES }));
  for (const source of SOURCES) await utimes(join(dir, source), sourcesAt, sourcesAt);
  return dir;
}

function exum(dir: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // The child's coverage stays out of the run's (installed-command.test.ts says why).
    const env = { ...process.env, NODE_V8_COVERAGE: join(dir, ".child-coverage"), _TAPJS_PROCESSINFO_COVERAGE_: "0" };
    execFile(process.execPath, [join(dir, "bin", "exum.js"), "--version"], { cwd: dir, env, timeout: 60_000 }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
  });
}

const BUILT = new Date("2026-12-01T10:00:00Z");
const BEFORE = new Date("2026-12-01T09:00:00Z");
const AFTER = new Date("2026-12-01T11:00:00Z");

t.test("a build newer than every source runs, without a word", async (t) => {
  const ran = await exum(await fakePackage(t, BUILT, BEFORE));
  t.equal(ran.stdout, "compiled\n");
  t.equal(ran.stderr, "");
});

t.test("a source modified after the build started: the sources run, and stderr says why", async (t) => {
  const dir = await fakePackage(t, BUILT, BEFORE);
  await utimes(join(dir, "harness", "cli", "main.ts"), AFTER, AFTER);
  const ran = await exum(dir);
  t.equal(ran.stdout, "sources\n");
  t.match(ran.stderr, /^exum: harness\/cli\/main\.ts changed after dist\/ was built; running the TypeScript sources through tsx.*npm run build/);
});

t.test("a source deleted since the build: the sources run", async (t) => {
  const dir = await fakePackage(t, BUILT, BEFORE);
  await rm(join(dir, "harness", "cli", "main.ts"));
  const ran = await exum(dir);
  t.equal(ran.stdout, "sources\n");
  t.match(ran.stderr, /harness\/cli\/main\.ts is gone since dist\/ was built/);
});

t.test("no build at all (npm ci --ignore-scripts, a fresh clone before npm ci): the sources run", async (t) => {
  const dir = await fakePackage(t, BUILT, BEFORE);
  await rm(join(dir, "dist", "build.json"));
  const ran = await exum(dir);
  t.equal(ran.stdout, "sources\n");
  t.match(ran.stderr, /dist\/ has not been built/);
});
