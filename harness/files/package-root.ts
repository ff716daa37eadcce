import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * exum's own folder (where package.json, scenarios/ and docs/ are), wherever exum is run from and however: this
 * module is harness/files/package-root.ts when the sources run through tsx (tests, `npm run exum`),
 * dist/harness/files/package-root.js in tsc's output, and part of a file in dist/bundle/ when the installed command
 * runs (bin/exum.js, `npm start`; docs/design.md §10). Each lies a different depth below the package, and only the
 * package's own folder has a package.json on the way up (dist/ has none), so the first one found is it.
 */
function packageRoot(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}: exum's files are not where it runs from`);
  }
}

export const PACKAGE_ROOT = packageRoot();
