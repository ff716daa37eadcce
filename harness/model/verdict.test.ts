import t from "tap";
import { VERDICTS, scenarioVerdict, stepVerdict, worstVerdict } from "./verdict.js";

t.test("the worst verdict wins: error ▸ failed ▸ passed ▸ skipped", async (t) => {
  t.equal(worstVerdict([]), "skipped");
  t.equal(worstVerdict(["skipped", "skipped"]), "skipped");
  t.equal(worstVerdict(["passed", "skipped"]), "passed");
  t.equal(worstVerdict(["passed", "failed", "skipped"]), "failed");
  t.equal(worstVerdict(["failed", "error", "passed"]), "error");
  t.same(VERDICTS, ["passed", "failed", "error", "skipped"]);
});

t.test("a step fails on any unmet expectation and errors on a harness error", async (t) => {
  t.equal(stepVerdict([], null), "passed");
  t.equal(stepVerdict([{ met: true }, { met: true }], null), "passed");
  t.equal(stepVerdict([{ met: true }, { met: false }], null), "failed");
  t.equal(stepVerdict([{ met: false }], { code: "EXUM_X" }), "error");
});

t.test("one scenario verdict for the runner and the reports, interrupted ones included", async (t) => {
  const steps = (...verdicts: ("passed" | "failed" | "error" | "skipped")[]) => verdicts.map((verdict) => ({ verdict }));
  t.equal(scenarioVerdict({ error: { code: "EXUM_X" }, skipReason: null, steps: steps("passed") }), "error", "set-up failed");
  t.equal(scenarioVerdict({ error: null, skipReason: null, steps: steps("passed", "failed") }), "failed");
  t.equal(scenarioVerdict({ error: null, skipReason: null, steps: steps("passed", "passed") }), "passed");
  t.equal(scenarioVerdict({ error: null, skipReason: "lab only", steps: steps("skipped") }), "skipped", "not run");
  t.equal(scenarioVerdict({ error: null, skipReason: "interrupted", steps: steps("passed", "skipped") }), "skipped", "stopped before its end");
  t.equal(scenarioVerdict({ error: null, skipReason: "interrupted", steps: steps("failed", "skipped") }), "failed", "what failed before Ctrl-C still counts");
  t.equal(scenarioVerdict({ error: null, skipReason: "interrupted", steps: steps("error", "skipped") }), "error");
});
