import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { scrubReport } from "../testing/scrub-report.js";
import { renderJson } from "./json.js";
import type { RunResult } from "../model/run-result.js";
import { runResultSchema } from "../model/run-result-schema.js";

const fixture = JSON.parse(await readFile(join(import.meta.dirname, "testdata", "run-result.json"), "utf8")) as RunResult;

t.test("run.json is the run model, unchanged (golden)", async (t) => {
  const text = renderJson(fixture);
  t.same(JSON.parse(text), fixture, "it parses back to the same model");
  t.ok(text.endsWith("}\n"), "one final newline");
  t.equal(renderJson(fixture), text, "pure: the same model renders the same text");
  t.ok(runResultSchema.safeParse(JSON.parse(text)).success, "what it writes is a valid run model");
  t.match(text, /^\{\n {2}"schemaVersion": 2,\n {2}"runId": "/, "schemaVersion first, two-space indentation, for a reader and for diff");
});

t.test("the scrubber removes what varies between recordings", async (t) => {
  const text = scrubReport(renderJson(fixture));
  t.notMatch(text, /127\.\d+\.\d+\.\d+/, "no loopback addresses");
  t.notMatch(text, /;tag=(?!<tag>)/, "no tags");
  t.notMatch(text, /;branch=(?!<branch>)/, "no branches");
  t.notMatch(text, /Call-ID: (?!<call-id>)/i, "no Call-IDs");
  t.notMatch(text, /"durationMs": \d/, "no durations");
  t.notMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d/, "no times");
  t.notMatch(text, /inline:(?!<key>)/, "no SRTP keys");
});
