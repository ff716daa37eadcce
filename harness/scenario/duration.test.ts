import t from "tap";
import { durationSchema, parseDuration } from "./duration.js";

t.test("numbers are milliseconds; strings carry their unit", async (t) => {
  const cases: [unknown, number][] = [
    [0, 0],
    [2500, 2500],
    ["500ms", 500],
    ["2s", 2000],
    ["1.5s", 1500],
    [" 3 s ", 3000],
    ["1m", 60_000],
    ["60m", 3_600_000],
  ];
  for (const [input, ms] of cases) t.equal(durationSchema.parse(input), ms, String(input));
});

t.test("anything else is refused", async (t) => {
  for (const input of [-1, 1.5, "5", "5 seconds", "2h", "", "61m", 3_600_001, null, true]) {
    t.notOk(durationSchema.safeParse(input).success, String(input));
  }
  t.equal(parseDuration("nonsense"), undefined);
});
