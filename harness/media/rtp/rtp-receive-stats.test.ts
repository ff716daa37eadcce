import t from "tap";
import { RtpReceiveStats } from "./rtp-receive-stats.js";

/** Feeds packets by sequence, each 160 timestamp units and 20 ms after the last (perfect 20 ms G.711 pacing). */
function fed(sequences: readonly number[], stats = new RtpReceiveStats()): RtpReceiveStats {
  sequences.forEach((sequence, i) => stats.push(sequence, 1000 + i * 160, i * 20));
  return stats;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => (from + i) & 0xffff);

t.test("before any packet there is nothing to report", async (t) => {
  const stats = new RtpReceiveStats();
  t.same(stats.snapshot(), { received: 0, extendedHighest: null, lost: 0, jitter: 0 });
  t.equal(stats.jitterMs(), 0);
});

t.test("packets in order: none lost", async (t) => {
  t.same(fed(range(100, 10)).snapshot(), { received: 10, extendedHighest: 109, lost: 0, jitter: 0 });
});

t.test("RFC 3550 A.3: a gap is lost, expected − received", async (t) => {
  const stats = fed([100, 101, 102, 103, 104, 108, 109]);
  t.match(stats.snapshot(), { received: 7, extendedHighest: 109, lost: 3 });
  t.match(fed([7, 9]).snapshot(), { received: 2, extendedHighest: 9, lost: 1 }, "one missing");
});

t.test("a packet out of order fills its gap without moving the highest", async (t) => {
  t.match(fed([100, 102, 101, 103]).snapshot(), { received: 4, extendedHighest: 103, lost: 0 });
});

t.test("duplicates do not make the loss negative", async (t) => {
  const stats = fed([100, 101, 101, 101, 102]);
  t.match(stats.snapshot(), { received: 5, extendedHighest: 102, lost: 0 });
  t.match(fed([100, 101, 101, 103]).snapshot(), { received: 4, extendedHighest: 103 }, "duplicates with a gap");
});

t.test("a sequence wrap counts one more cycle in the extended highest (RFC 3550 A.1)", async (t) => {
  t.same(fed([65533, 65534, 65535, 0, 1]).snapshot(), { received: 5, extendedHighest: 65536 + 1, lost: 0, jitter: 0 });
  t.match(fed([65534, 65535, 2]).snapshot(), { extendedHighest: 65536 + 2, lost: 2 }, "a gap across the wrap");
  t.match(fed(range(65000, 3000)).snapshot(), { received: 3000, extendedHighest: 65000 + 2999, lost: 0 }, "a long run over the wrap");
  t.match(fed(range(0, 65536 * 2 + 10)).snapshot(), { extendedHighest: 65536 * 2 + 9, lost: 0 }, "two wraps");
});

t.test("a jump beyond 3000 is a restarted sender: the count starts again", async (t) => {
  const stats = fed([100, 101, 102, 103, 104, 20_000, 20_001]);
  t.same(stats.snapshot(), { received: 2, extendedHighest: 20_001, lost: 0, jitter: 0 });
  t.match(fed([100, 101, 2_999 + 101]).snapshot(), { received: 3, extendedHighest: 3100, lost: 2998 }, "a jump of 2999 is a gap, not a restart");
});

t.test("RFC 3550 A.8: perfectly paced packets have no jitter", async (t) => {
  const stats = new RtpReceiveStats();
  for (let i = 0; i < 50; i++) stats.push(i, 0x10000 + i * 160, 500 + i * 20);
  t.equal(stats.snapshot().jitter, 0);
  t.equal(stats.jitterMs(), 0);
});

t.test("RFC 3550 A.8: uneven arrival is jitter, J += (|D| − J) / 16", async (t) => {
  const stats = new RtpReceiveStats();
  // Transit (arrival·8 − timestamp): 0, 0, 40, 0 → D = 0, 40, 40 → J = 0, 2.5, 2.5 + 37.5/16.
  [0, 20, 45, 60].forEach((arrivalMs, i) => stats.push(i, i * 160, arrivalMs));
  t.equal(stats.snapshot().jitter, 4.84375);
  t.equal(stats.jitterMs(), (4.84375 * 1000) / 8000, "timestamp units at 8 kHz in ms");
  t.ok(stats.jitterMs() > 0);
});

t.test("jitterMs uses the clock rate", async (t) => {
  const wide = new RtpReceiveStats(16_000);
  // At 16 kHz a 20 ms packet is 320 units; one packet 5 ms late: transit 0, 80 → J = 80/16 = 5 units.
  wide.push(0, 0, 0);
  wide.push(1, 320, 25);
  t.equal(wide.snapshot().jitter, 5);
  t.equal(wide.jitterMs(), (5 * 1000) / 16_000);
});

t.test("a timestamp wrap is not jitter", async (t) => {
  const stats = new RtpReceiveStats();
  stats.push(1, 0xffffffff - 159, 0);
  stats.push(2, 0, 20);
  stats.push(3, 160, 40);
  t.equal(stats.snapshot().jitter, 0);
});
