import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { PACKAGE_ROOT } from "./package-root.js";

// From the sources (here) as from the bundle in dist/bundle/ (installed-command.test.ts: --version reads package.json
// through it), the root is the folder of exum's own package.json, with the shipped scenarios beside it.
t.test("PACKAGE_ROOT is exum's own folder", async (t) => {
  const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, "package.json"), "utf8")) as { name: string };
  t.equal(pkg.name, "exum");
  t.equal(PACKAGE_ROOT, join(import.meta.dirname, "..", ".."));
  await t.resolves(readFile(join(PACKAGE_ROOT, "scenarios", "happy-path.yaml"), "utf8"));
});
