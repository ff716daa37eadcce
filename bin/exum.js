#!/usr/bin/env node
// The installed `exum` command (package.json `bin`, `npm start`). It runs the JavaScript compiled and linked into
// dist/bundle/ (`npm ci` builds it: `prepare` runs bin/build.js), which starts several times faster than TypeScript
// compiled on every start (docs/design.md §10). A build older than its sources is never run: when dist/build.json is missing, or a source it
// compiled is gone or was modified after the build started (an edit, a `git pull`, a checkout), this runs the sources
// through tsx as `npm run exum` does, and says so on stderr.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_MANIFEST, BUNDLE_DIR } from "./build-manifest.js";

const root = join(import.meta.dirname, "..");

/** Why dist/ cannot be run, or null when it is as new as every source it was built from. */
function staleness() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, BUILD_MANIFEST), "utf8"));
  } catch {
    return "dist/ has not been built";
  }
  // One stat per source, no directory walk: a new source matters only once an existing one imports it, and then
  // that one has changed.
  for (const source of manifest.sources) {
    const modified = statSync(join(root, source), { throwIfNoEntry: false })?.mtimeMs;
    if (modified === undefined) return `${source} is gone since dist/ was built`;
    if (modified > manifest.startedAt) return `${source} changed after dist/ was built`;
  }
  return null;
}

const stale = staleness();
if (stale === null) {
  await import(pathToFileURL(join(root, BUNDLE_DIR, "exum.js")).href);
} else {
  process.stderr.write(`exum: ${stale}; running the TypeScript sources through tsx, which starts slower (npm run build compiles them)\n`);
  const { register } = await import("tsx/esm/api");
  register();
  await import("./exum.ts");
}
