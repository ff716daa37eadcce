import t from "tap";
import { steppingClock, stopwatch, SYSTEM_CLOCK } from "./clock.js";

t.test("a stepping clock moves on every reading; a stopwatch reads the milliseconds since it started", async (t) => {
  const clock = steppingClock(new Date("2026-05-01T10:00:00.000Z"), 5);
  t.equal(clock.now().toISOString(), "2026-05-01T10:00:00.000Z");
  const elapsed = stopwatch(clock);
  t.equal(elapsed(), 5, "one step after it started");
  t.equal(clock.now().toISOString(), "2026-05-01T10:00:00.015Z");
});

t.test("the system clock is the machine's", async (t) => {
  const before = Date.now();
  t.ok(SYSTEM_CLOCK.now().getTime() >= before);
  const elapsed = stopwatch();
  t.ok(elapsed() >= 0);
});
