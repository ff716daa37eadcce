// What bin/build.js compiles and records, and bin/exum.js checks: one home for both.

/** The build's record, relative to the package: `{ startedAt: ms since the epoch, sources: ["bin/exum.ts", …] }`. */
export const BUILD_MANIFEST = "dist/build.json";

/** Whether tsconfig.build.json compiles this source (a path relative to the package): no tests, no test support. */
export function isBuiltSource(path) {
  return path.endsWith(".ts") && !/\.(test|interop)\.ts$|-test-fixture\.ts$/.test(path) && !/(^|\/)(testing|testdata)\//.test(path);
}
