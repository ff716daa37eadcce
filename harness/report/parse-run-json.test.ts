import t from "tap";
import { parseRunJson } from "./parse-run-json.js";
import { fixtureRun } from "./testdata/report-fixture.js";

t.test("a run.json as written reads back as the run", async (t) => {
  t.same(parseRunJson(JSON.stringify(fixtureRun()), "run.json"), fixtureRun());
});

t.test("bad input names the file (exit 2)", async (t) => {
  t.throws(() => parseRunJson("{", "/r/run.json"), { code: "EXUM_RUN_FILE_NOT_JSON", exitCode: 2, file: "/r/run.json", message: /\/r\/run\.json is not JSON/ });
  t.throws(() => parseRunJson("[]", "run.json"), { code: "EXUM_RUN_FILE_INVALID", exitCode: 2 });
  t.throws(() => parseRunJson(JSON.stringify({ ...fixtureRun(), schemaVersion: 2 }), "old.json"), {
    code: "EXUM_RUN_FILE_SCHEMA",
    exitCode: 2,
    file: "old.json",
    field: "schemaVersion",
    message: "old.json has schemaVersion 2; this exum reads schemaVersion 1",
  });
  t.throws(() => parseRunJson(JSON.stringify({ schemaVersion: 1 }), "run.json"), { code: "EXUM_RUN_FILE_INVALID", field: "runId" });
  const run = fixtureRun();
  const broken = { ...run, scenarios: [{ ...run.scenarios[0], steps: [{ verdict: "passed" }] }] };
  t.throws(() => parseRunJson(JSON.stringify(broken), "run.json"), { code: "EXUM_RUN_FILE_INVALID", field: "scenarios[0].steps[0].expectations" });
  t.throws(() => parseRunJson(JSON.stringify({ ...run, matrix: { sweeps: 3 } }), "run.json"), { code: "EXUM_RUN_FILE_INVALID", field: "matrix.sweeps" });
});
