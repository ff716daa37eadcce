import t from "tap";
import { BoundedLog } from "./bounded-log.js";

t.test("keeps the last `limit` characters with absolute offsets", async (t) => {
  const log = new BoundedLog(10);
  log.append("0123456789");
  log.append("abcde");
  t.equal(log.text(), "56789abcde");
  t.equal(log.offset, 15);
  t.equal(log.dropped, 5);
  t.equal(log.text(12), "cde", "from an absolute offset");
  t.equal(log.text(2), "56789abcde", "an offset already dropped is clamped");
  t.equal(log.tail(3), "…cde");
  t.equal(log.tail(), "56789abcde");
});

t.test("a lone CR (baresip's status line) becomes LF; CRLF stays", async (t) => {
  const log = new BoundedLog();
  log.append("a\rb\r\nc");
  t.equal(log.text(), "a\nb\r\nc");
});

t.test("waitFor matches text already there, or text appended later, from an offset", async (t) => {
  const log = new BoundedLog();
  log.append("Call established: sip:a@x\n");
  const early = await log.waitFor(/Call established: (\S+)/g).match;
  t.equal(early[1], "sip:a@x", "a g flag is ignored");

  const from = log.offset;
  const later = log.waitFor(/Call established: (\S+)/, from);
  log.append("noise\nCall est");
  log.append("ablished: sip:b@x\n");
  t.equal((await later.match)[1], "sip:b@x", "split across chunks, and not the earlier line");
});

t.test("cancel stops a waiter", async (t) => {
  const log = new BoundedLog();
  let settled = false;
  const waiting = log.waitFor(/never/);
  void waiting.match.then(() => {
    settled = true;
  });
  waiting.cancel();
  log.append("never");
  await new Promise((resolve) => setImmediate(resolve));
  t.notOk(settled);
});
