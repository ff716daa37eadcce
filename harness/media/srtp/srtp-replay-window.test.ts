import t from "tap";
import { SRTP_REPLAY_WINDOW, SrtpReplayWindow } from "./srtp-replay-window.js";

t.test("RFC 3711 §3.3.2: accept ahead of the window, or inside it when not yet received", async (t) => {
  const window = new SrtpReplayWindow();
  t.equal(window.check(1000), "fresh", "anything is fresh before the first packet");
  window.accept(1000);
  t.equal(window.highest, 1000);
  t.equal(window.check(1000), "duplicate");
  t.equal(window.check(1001), "fresh");
  t.equal(window.check(999), "fresh", "inside the window, not yet received");
  window.accept(999);
  t.equal(window.check(999), "duplicate");
  t.equal(window.highest, 1000, "an older packet does not move the window");
  t.equal(window.check(1000 - (SRTP_REPLAY_WINDOW - 1)), "fresh", "the oldest index inside the window");
  t.equal(window.check(1000 - SRTP_REPLAY_WINDOW), "too-old", "one behind the window");
});

t.test("moving the window ahead keeps what it still covers and forgets what falls out", async (t) => {
  const window = new SrtpReplayWindow();
  for (const index of [10, 11, 12]) window.accept(index);
  window.accept(12 + 60);
  t.equal(window.check(12), "duplicate", "60 behind: still in the window and remembered");
  t.equal(window.check(11), "duplicate", "61 behind");
  t.equal(window.check(13), "fresh", "never received");
  window.accept(12 + 64);
  t.equal(window.check(12), "too-old", "64 behind: out of the window");
  t.equal(window.check(13), "fresh", "63 behind, never received");
  window.accept(12 + 64 + 1000);
  t.equal(window.check(12 + 64), "too-old", "a jump larger than the window clears it");
  t.equal(window.check(12 + 64 + 1000 - 1), "fresh");
  t.equal(window.check(12 + 64 + 1000), "duplicate");
});
