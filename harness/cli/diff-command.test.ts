import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import t, { type Test } from "tap";
import { fixtureRuns } from "../diff/testdata/diff-fixture.js";
import { ExitCode } from "../errors/exit-codes.js";
import { renderJson } from "../report/json.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { diffCommand } from "./diff-command.js";
import { dispatch } from "./main.js";

async function diff(dir: string, args: readonly string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await dispatch(["diff", ...args], io, [diffCommand as never]);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Run A as `before/run.json`, run B as `after/run.json` (a run's folder), and a copy of A as `again.json`. */
async function runsIn(t: Test): Promise<string> {
  const dir = await tempDir(t);
  const { a, b } = fixtureRuns();
  await mkdir(join(dir, "before"));
  await mkdir(join(dir, "after"));
  await mkdir(join(dir, "out"));
  await writeFiles(dir, { "before/run.json": renderJson(a), "after/run.json": renderJson(b), "again.json": renderJson(a) });
  return dir;
}

t.test("a security regression: exit 1, the text names it; a run's folder is as good as its run.json", async (t) => {
  const dir = await runsIn(t);
  const { code, stdout, stderr } = await diff(dir, ["before/run.json", "after"]);
  t.equal(code, ExitCode.Failed, "exit 1", { stdout, stderr });
  t.match(stdout, /^run A: before\/run\.json \(/);
  t.match(stdout, /\nrun B: after\/run\.json \(/);
  t.match(stdout, "SECURITY REGRESSION  TLS version, hop 1 cas01.tukwila.contoso.com: TLSv1.3 → TLSv1.2");
  t.equal(stderr, "");
});

t.test("two copies of one run: no differences, exit 0", async (t) => {
  const dir = await runsIn(t);
  const { code, stdout } = await diff(dir, ["before", "again.json"]);
  t.equal(code, ExitCode.Ok);
  t.match(stdout, "No differences in what was negotiated: 4 scenarios compared.");
});

t.test("--json on stdout, --markdown and --html written, what was written on stderr", async (t) => {
  const dir = await runsIn(t);
  const { code, stdout, stderr } = await diff(dir, ["before", "after", "--json", "--markdown", "out/change.md", "--html", "out/change.html", "--expiry-warning-days", "7"]);
  t.equal(code, ExitCode.Failed, "still exit 1: TLS 1.2, a static-RSA cipher, mutual TLS rejected", { stderr });
  const model = JSON.parse(stdout) as { schemaVersion: number; expiryWarningDays: number; counts: Record<string, number> };
  t.equal(model.schemaVersion, 1);
  t.equal(model.expiryWarningDays, 7);
  t.equal(model.counts["security-regression"], 3, "the certificate's 10 days are not within 7");
  t.equal(stderr, "wrote out/change.md\nwrote out/change.html\n");
  t.match(await readFile(join(dir, "out", "change.md"), "utf8"), /^# exum diff\n/);
  t.match(await readFile(join(dir, "out", "change.html"), "utf8"), /^<!doctype html>\n/);
});

t.test("bad input: exit 2 naming the file, flag or field, nothing written", async (t) => {
  const dir = await runsIn(t);
  const { a } = fixtureRuns();
  const broken = JSON.parse(renderJson(a)) as { scenarios: { steps: { verdict: string }[] }[] };
  (broken.scenarios[0]?.steps[1] as { verdict: string }).verdict = "maybe";
  await mkdir(join(dir, "empty"));
  await writeFiles(dir, { "broken.json": JSON.stringify(broken), "not-json.json": "{", "v1.json": JSON.stringify({ ...a, schemaVersion: 1 }) });
  const cases: [string[], RegExp][] = [
    [["missing.json", "after"], /^error\[EXUM_FILE_NOT_FOUND\]: <run-a> \S+missing\.json does not exist\n {2}in: \S+missing\.json at <run-a>\n {2}hint: give a run's run\.json/],
    [["before", "empty"], /^error\[EXUM_FILE_NOT_FOUND\]: <run-b>: the folder has no run\.json \(\S+empty\/run\.json does not exist\)/],
    [["before", "broken.json"], /^error\[EXUM_RUN_FILE_INVALID\]: \S+broken\.json: scenarios\[0\]\.steps\[1\]\.verdict: expected one of "passed", "failed", "error", "skipped", got "maybe"/],
    [["not-json.json", "after"], /^error\[EXUM_RUN_FILE_NOT_JSON\]: \S+not-json\.json is not JSON/],
    [["before", "v1.json"], /^error\[EXUM_RUN_FILE_SCHEMA\]: \S+v1\.json has schemaVersion 1; this exum reads schemaVersion 2/],
    [["before", "after", "--expiry-warning-days", "-1"], /^error\[EXUM_BAD_FLAG\]: --expiry-warning-days -1 is not a whole number of days from 0 to 3650/],
    [["before", "after", "--expiry-warning-days", "soon"], /^error\[EXUM_BAD_FLAG\]: --expiry-warning-days NaN/],
    [["before", "after", "--markdown", "nowhere/change.md"], /^error\[EXUM_BAD_FLAG\]: --markdown \S+nowhere\/change\.md: the folder \S+nowhere does not exist/],
    [["before", "after", "--html", "out"], /^error\[EXUM_BAD_FLAG\]: --html \S+out is a folder/],
    [["before"], /^error\[EXUM_USAGE\]: Missing required argument: run-b/],
  ];
  for (const [args, message] of cases) {
    // Asked to write a file too, so the check that nothing was written means something.
    const writing = args.includes("--markdown") || args.includes("--html") ? args : [...args, "--markdown", "out/written.md"];
    const { code, stdout, stderr } = await diff(dir, writing);
    t.equal(code, ExitCode.BadInput, args.join(" "));
    t.match(stderr, message, args.join(" "));
    t.equal(stdout, "", "nothing on stdout");
  }
  t.same(await readdir(join(dir, "out")), [], "no file written");
});
