import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { listScenarioDetails, listScenarioLine, listSummary } from "./list.js";
import type { RunResult } from "../model/run-result.js";

const fixture = JSON.parse(await readFile(join(import.meta.dirname, "testdata", "run-result.json"), "utf8")) as RunResult;

t.test("the terminal: a line per scenario, why it did not pass, and a summary (golden)", async (t) => {
  const lines = fixture.scenarios.flatMap((scenario, index) => [listScenarioLine(scenario, index + 1, fixture.scenarios.length), ...listScenarioDetails(scenario)]);
  lines.push(...listSummary(fixture));
  const text = lines.join("\n");
  t.match(text, /\[1\/4\] FAILED {2}wrong-expectation: Deliberately wrong expectation \(\d+ ms\)/);
  t.match(text, /steps\[0\]\.expect\.negotiated\.media: expected negotiated\.media rtp, saw srtp/, "expected vs seen");
  t.match(text, /error\[EXUM_LAB_START\]/);
  t.match(text, /skipped: interrupted/);
  t.match(text, /^Interrupted: 4 scenarios: 1 passed, 1 failed, 1 error, 1 skipped in/m);
  t.match(text, /6 of 7 expectations met/);
  t.matchSnapshot(text, "list");
});
