import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t, { type Test } from "tap";
import { nodeFileSystem, type FileSystem } from "../files/file-system.js";
import { writeReports } from "./reporter-multiplexer.js";
import { parseReporters } from "./reporter-name.js";
import { fixtureRun } from "./testdata/report-fixture.js";

function memoryIo() {
  const io = { stdout: "", stderr: "", out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

async function tempDir(t: Test): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "exum-reports-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

t.test("--reporter: all by default, comma-separated or repeated, unknown names are bad input", async (t) => {
  t.same(parseReporters(undefined), ["list", "json", "junit", "md", "html"]);
  t.same(parseReporters(["md,HTML", "md", " list "]), ["md", "html", "list"]);
  t.same(parseReporters("markdown"), ["md"]);
  t.throws(() => parseReporters(["list,pdf"]), { code: "EXUM_BAD_REPORTER", exitCode: 2, field: "--reporter" });
});

t.test("every reporter writes its file through a temp name; list prints last with where they are", async (t) => {
  const dir = join(await tempDir(t), "run-1");
  const io = memoryIo();
  const outcome = await writeReports(fixtureRun(), { dir, reporters: parseReporters(undefined), io });
  t.same(outcome.failed, []);
  t.same((await readdir(dir)).sort(), ["junit.xml", "report.html", "report.md", "run.json"], "no temp file left");
  t.same(JSON.parse(await readFile(join(dir, "run.json"), "utf8")), fixtureRun());
  t.match(await readFile(join(dir, "report.md"), "utf8"), /^# exum interop report/);
  t.match(await readFile(join(dir, "report.html"), "utf8"), /^<!doctype html>/);
  t.match(io.stdout, /^exum matrix 2026-05-01T10-00-00Z-0f0f against the embedded lab \(exum default lab\): ERROR/);
  t.match(io.stdout, `note: reports in ${dir}: run.json, junit.xml, report.md, report.html`);
  t.equal(io.stderr, "");
});

t.test("a reporter that throws is reported and never stops the others", async (t) => {
  const dir = await tempDir(t);
  const io = memoryIo();
  const outcome = await writeReports(fixtureRun(), {
    dir,
    reporters: ["list", "md", "html", "junit"],
    io,
    renderers: {
      md: () => {
        throw new Error("markdown exploded");
      },
    },
  });
  t.same(outcome.failed, [{ reporter: "md", message: "markdown exploded" }]);
  t.same(outcome.written.map((entry) => entry.reporter), ["junit", "html", "list"]);
  t.same((await readdir(dir)).sort(), ["junit.xml", "report.html"]);
  t.match(io.stderr, "warning: the md reporter failed: markdown exploded; the other reports are not affected\n");
  t.match(io.stdout, "note: the md report was not written (markdown exploded)");
});

t.test("a write that fails leaves no temp file and no half report; a missing renderer is a failure too", async (t) => {
  const dir = await tempDir(t);
  const io = memoryIo();
  const failingRename: FileSystem = {
    ...nodeFileSystem,
    rename: async (from, to) => {
      if (to.endsWith("report.html")) throw new Error("disk full");
      await nodeFileSystem.rename(from, to);
    },
  };
  const outcome = await writeReports(fixtureRun(), { dir, reporters: ["md", "html", "json"], io, fs: failingRename, renderers: { json: undefined } });
  t.same(
    outcome.failed.map((failure) => [failure.reporter, failure.message]),
    [
      ["json", "no renderer is registered for it"],
      ["html", "disk full"],
    ],
  );
  t.same(await readdir(dir), ["report.md"]);
});

t.test("a list reporter that throws is reported on stderr", async (t) => {
  const io = memoryIo();
  const broken = { ...fixtureRun(), scenarios: null } as never;
  const outcome = await writeReports(broken, { dir: "/nonexistent-unused", reporters: ["list"], io });
  t.equal(outcome.failed[0]?.reporter, "list");
  t.match(io.stderr, /warning: the list reporter failed: /);
});
