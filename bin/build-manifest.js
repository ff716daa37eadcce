// What bin/build.js compiles and records, and bin/exum.js checks: one home for both.

/** The build's record, relative to the package: `{ startedAt: ms since the epoch, sources: ["bin/exum.ts", …] }`. */
export const BUILD_MANIFEST = "dist/build.json";

/** Where bin/build.js links the command into one entry (`exum.js`) and its lazily loaded chunks; bin/exum.js runs it. */
export const BUNDLE_DIR = "dist/bundle";

/** Whether tsconfig.build.json compiles this source (a path relative to the package): no tests, no test support. */
export function isBuiltSource(path) {
  return path.endsWith(".ts") && !/\.(test|interop)\.ts$|-test-fixture\.ts$/.test(path) && !/(^|\/)(testing|testdata)\//.test(path);
}
