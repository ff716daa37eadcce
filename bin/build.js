#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` runs it): compiles bin/ and harness/ into dist/ with tsc
// (tsconfig.build.json), links the command's modules into a few files in dist/bundle/ with esbuild, then writes
// dist/build.json — when the build started and which sources it compiled — which bin/exum.js reads to refuse a build
// older than its sources (docs/design.md §10).
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { BUILD_MANIFEST, BUNDLE_DIR, isBuiltSource } from "./build-manifest.js";

const root = join(import.meta.dirname, "..");
// Taken before tsc reads anything: a source saved during the build counts as newer than it.
const startedAt = Date.now();
// A fresh dist/: the compiled form of a deleted source must not linger there.
rmSync(join(root, "dist"), { recursive: true, force: true });
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
} catch {
  // `npm ci --omit=dev` still runs `prepare`, without typescript: no build, and bin/exum.js runs the sources through
  // tsx (a dependency), so the install must not fail for it.
  process.stderr.write("build: typescript is not installed (npm ci --omit=dev?); dist/ not built, exum runs its sources through tsx\n");
  process.exit(0);
}
const compiled = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
// tsc's exit 2: type errors, every file emitted all the same. That output is what tsx would run too (it does not check
// types), so it is a build: a type error is `npm run check`'s to report, and must not make `npm ci` fail.
if (compiled.status === 2) process.stderr.write("build: type errors (above; npm run check reports them); dist/ written all the same\n");
else if (compiled.status !== 0) process.exit(compiled.status ?? 1);

// One `exum options` loaded ~270 files (117 of ours, 90 of sip.js, yargs and its helpers): a third of its start-up
// went on finding, reading and compiling modules one at a time (docs/design.md §10). esbuild (already installed for
// tsx) links tsc's output and the packages it imports into one entry and a chunk per lazily imported command
// handler (`splitting`), so each command still loads only what it runs. tsc stays the compiler; esbuild only links.
let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  process.stderr.write("build: esbuild is not installed; dist/ not built, exum runs its sources through tsx\n");
  process.exit(0);
}
await esbuild.build({
  entryPoints: [join(root, "dist", "bin", "exum.js")],
  outdir: join(root, BUNDLE_DIR),
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Whitespace and syntax only: names stay, so a stack trace still names our functions.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // playwright-core drives a browser and is a devDependency; pino is required at run time (log/logger.ts).
  external: ["playwright-core", "pino"],
  // The CommonJS packages bundled (node-forge) call require() for Node's modules: an ES module has none of its own.
  banner: { js: "import { createRequire as __exumCreateRequire } from 'node:module'; const require = __exumCreateRequire(import.meta.url);" },
  logLevel: "warning",
});
const sources = ["bin", "harness"].flatMap((folder) => readdirSync(join(root, folder), { recursive: true }).map((entry) => `${folder}/${String(entry)}`)).filter(isBuiltSource).sort();
writeFileSync(join(root, BUILD_MANIFEST), `${JSON.stringify({ startedAt, sources }, null, 2)}\n`);
