import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { isScenarioFileName, loadScenarioDir } from "./load-scenario-dir.js";

const scenario = (name: string) => `name: ${name}\nsummary: s\nsteps:\n  - wait: 1ms\n`;

t.test("a directory loads sorted, site files skipped, optionally one shard", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "exum-scenarios-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "b.yaml"), scenario("B"));
  await writeFile(join(dir, "a.yml"), scenario("A"));
  await writeFile(join(dir, "C.yaml"), scenario("C"));
  await writeFile(join(dir, "site.example.yaml"), "domain: contoso.com\n");
  await writeFile(join(dir, "notes.md"), "not a scenario");
  const all = await loadScenarioDir(dir);
  t.same(
    all.map((s) => s.id),
    ["C", "a", "b"],
    "code-point order, the same on every machine",
  );
  t.same(
    (await loadScenarioDir(dir, { shard: { index: 2, total: 2 } })).map((s) => s.id),
    ["b"],
  );
  t.same(
    (await loadScenarioDir(dir, { shard: { index: 1, total: 2 } })).map((s) => s.id),
    ["C", "a"],
  );
});

t.test("two scenarios with one name are refused", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "exum-scenarios-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "one.yaml"), scenario("Same"));
  await writeFile(join(dir, "two.yaml"), scenario("same"));
  await t.rejects(loadScenarioDir(dir), { code: "EXUM_SCENARIO_DUPLICATE_NAME", field: "name", file: join(dir, "two.yaml"), exitCode: 2 });
});

t.test("a missing directory is an input error", async (t) => {
  await t.rejects(loadScenarioDir(join(tmpdir(), "exum-no-such-dir-1f3a")), { code: "EXUM_SCENARIO_DIR_UNREADABLE", exitCode: 2 });
});

t.test("which names are scenarios", async (t) => {
  t.ok(isScenarioFileName("happy-path.yaml"));
  t.ok(isScenarioFileName("x.YML"));
  t.notOk(isScenarioFileName("site.example.yaml"));
  t.notOk(isScenarioFileName("scenario.schema.json"));
  t.ok(isScenarioFileName("site-failover.yaml"));
});
