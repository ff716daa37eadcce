import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t, { type Test } from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { fixtureRun } from "../report/testdata/report-fixture.js";
import type { CliCommand } from "./cli-command.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { reportCommand } from "./report-command.js";

const registry = [reportCommand as unknown as CliCommand];

async function runFolder(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "exum-report-cmd-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "run.json"), `${JSON.stringify(fixtureRun(), null, 2)}\n`);
  return dir;
}

t.test("exum report <run.json> writes every report beside it and prints the summary", async (t) => {
  const dir = await runFolder(t);
  const io = memoryIo({ cwd: dir });
  t.equal(await dispatch(["report", "run.json"], io, registry), ExitCode.Ok);
  t.same((await readdir(dir)).sort(), ["junit.xml", "report.html", "report.md", "run.json"]);
  t.match(await readFile(join(dir, "report.md"), "utf8"), "## Compatibility matrix");
  t.match(io.stdout, /^exum matrix 2026-05-01T10-00-00Z-0f0f against the embedded lab/);
  t.equal(io.stderr, "");
});

t.test("--reporter and --out choose what and where", async (t) => {
  const dir = await runFolder(t);
  const io = memoryIo({ cwd: dir });
  t.equal(await dispatch(["report", join(dir, "run.json"), "--reporter", "html", "--out", "again"], io, registry), ExitCode.Ok);
  t.same(await readdir(join(dir, "again")), ["report.html"]);
  t.equal(io.stdout, "", "no list reporter asked for");
});

t.test("a file that is not a run.json is bad input naming it (exit 2), and nothing is written", async (t) => {
  const dir = await runFolder(t);
  await writeFile(join(dir, "broken.json"), "{ not json");
  await writeFile(join(dir, "v1.json"), JSON.stringify({ ...fixtureRun(), schemaVersion: 1 }));
  const cases: [string[], RegExp][] = [
    [["report", "broken.json"], /^error\[EXUM_RUN_FILE_NOT_JSON\]: .*broken\.json is not JSON/],
    [["report", "v1.json"], /^error\[EXUM_RUN_FILE_SCHEMA\]: .*v1\.json has schemaVersion 1; this exum reads schemaVersion 2/],
    [["report", "missing.json"], /^error\[EXUM_FILE_UNREADABLE\]: cannot read .*missing\.json: ENOENT/],
    [["report", "run.json", "--reporter", "pdf"], /^error\[EXUM_BAD_REPORTER\]: --reporter pdf is not a reporter/],
  ];
  for (const [argv, message] of cases) {
    const io = memoryIo({ cwd: dir });
    t.equal(await dispatch(argv, io, registry), ExitCode.BadInput, argv.join(" "));
    t.match(io.stderr, message);
  }
  t.same((await readdir(dir)).sort(), ["broken.json", "run.json", "v1.json"]);
});
