import { readdir } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import type { RunResult } from "../model/run-result.js";
import { isScenarioFileName } from "../scenario/load-scenario-dir.js";
import { tempDir } from "../testing/temp-dir.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { runCommand } from "./run-command.js";

const ROOT = join(import.meta.dirname, "..", "..");

// The whole library passes on the lab in CI (docs/design.md §6). `exum run --jobs 12` as `npm start` runs it: the
// library (scenarios/) on the embedded lab, twelve labs at once (the lab PKI shared by the test files, so keys are made
// once). Beside the other test files on two cores it can take more than the 60 s tap gives a test file by default.
t.setTimeout(300_000);

t.test("every shipped scenario passes on the embedded lab", async (t) => {
  const out = await tempDir(t, "exum-library-");
  const io = memoryIo({ cwd: ROOT });
  const code = await dispatch(["run", "--jobs", "12", "--json", "--out", out, "--certs", sharedLabPkiDir()], io, [runCommand as never]);
  const run = JSON.parse(io.stdout) as RunResult;
  const unmet = run.scenarios.flatMap((scenario) =>
    scenario.steps.flatMap((step) => [
      ...step.expectations.filter((e) => !e.met).map((e) => `${scenario.id} ${e.path}: ${e.message ?? ""}`),
      ...(step.error === null ? [] : [`${scenario.id} ${step.path}: error[${step.error.code}] ${step.error.message}`]),
    ]),
  );
  const errors = run.scenarios.flatMap((scenario) => (scenario.error === null ? [] : [`${scenario.id}: error[${scenario.error.code}] ${scenario.error.message}`]));
  t.same([...unmet, ...errors], [], "every expectation met, no harness error");
  t.equal(code, ExitCode.Ok, "exit 0", { stderr: io.stderr });
  const files = (await readdir(join(ROOT, "scenarios"))).filter(isScenarioFileName);
  t.equal(run.scenarios.length, files.length, "the whole library ran");
  t.same(run.summary.scenarios, { total: files.length, passed: files.length, failed: 0, error: 0, skipped: 0 });
  t.ok(run.summary.expectations.total >= 150, `${run.summary.expectations.total} expectations checked`);
  t.ok(run.scenarios.every((scenario) => scenario.steps.every((step) => step.verdict === "passed")), "every step passed");
  const written = await readdir(join(out, run.runId)).then((names) => names.sort());
  t.same(written.filter((name) => !name.endsWith(".pcapng")), ["junit.xml", "log.jsonl", "report.html", "report.md", "run.json"], "every reporter rendered the whole library");
  // docs/media.md §9: one capture per scenario that sent anything, each named in run.json.
  const captures = run.scenarios.flatMap((scenario) => (scenario.capture == null ? [] : [scenario.capture]));
  t.same(written.filter((name) => name.endsWith(".pcapng")), [...captures].sort(), "every capture on disk is the one its scenario names");
  t.ok(captures.length >= files.length - 2, `${captures.length} captures for ${files.length} scenarios`);
  t.match(io.stderr, new RegExp(`${files.length} scenarios: ${files.length} passed, 0 failed, 0 errors, 0 skipped in`));
});
