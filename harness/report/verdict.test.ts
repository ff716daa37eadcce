import t from "tap";
import { VERDICTS, stepVerdict, worstVerdict } from "./verdict.js";

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
