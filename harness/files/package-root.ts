import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * exum's own folder (where package.json, scenarios/ and docs/ are), wherever exum is run from and however: this
 * module is harness/files/package-root.ts when the sources run through tsx (tests, `npm run exum`), and
 * dist/harness/files/package-root.js when the compiled output runs (bin/exum.js, `npm start`; docs/design.md §10) —
 * one folder deeper, and dist/ has no package.json.
 */
function packageRoot(): string {
  const sources = join(import.meta.dirname, "..", "..");
  return existsSync(join(sources, "package.json")) ? sources : dirname(sources);
}

export const PACKAGE_ROOT = packageRoot();
