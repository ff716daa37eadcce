import { tmpdir } from "node:os";
import t, { type Test } from "tap";
import { freeTcpPort } from "./free-port.js";
import { PeerErrorCode } from "./peer-error-code.js";
import { spawnPeer, type PeerProcessOptions } from "./peer-process.js";
import { describeRun, runToCompletion } from "./run-to-completion.js";

/** A stand-in peer: bash running `script`, stopped at teardown like a real one. */
function bashPeer(t: Test, script: string, options: Partial<PeerProcessOptions> = {}) {
  const peer = spawnPeer({ name: "fake", command: "bash", args: ["-c", script], cwd: tmpdir(), ...options });
  t.teardown(() => peer.stop());
  return peer;
}

t.test("runs without core dumps, in its own process group, output captured", async (t) => {
  const peer = bashPeer(t, 'echo "core=$(ulimit -c) pgid=$(ps -o pgid= $$ | tr -d " ") pid=$$"; echo oops >&2; sleep 30');
  const line = await peer.waitForLog(/core=(\S+) pgid=(\d+) pid=(\d+)/, 5000);
  t.equal(line[1], "0", "ulimit -c 0");
  t.equal(line[2], String(peer.pid), "group id is its pid");
  t.equal(line[3], String(peer.pid), "exec kept the pid");
  await peer.waitForLog(/oops/, 5000);
  const exit = await peer.stop();
  t.equal(exit.signal, "SIGTERM");
  t.same(await peer.stop(), exit, "stop twice is fine");
});

t.test("stop escalates to SIGKILL when SIGTERM is ignored", async (t) => {
  const peer = bashPeer(t, 'trap "" TERM; echo armed; while :; do sleep 0.05; done', { stopGraceMs: 200 });
  await peer.waitForLog(/armed/, 5000);
  const started = Date.now();
  const exit = await peer.stop();
  t.equal(exit.signal, "SIGKILL");
  t.ok(Date.now() - started < 15_000, "it did not wait for a peer that ignores SIGTERM forever");
});

t.test("waitForLog times out with the code and the output tail", async (t) => {
  const peer = bashPeer(t, "echo hello; sleep 30");
  await t.rejects(peer.waitForLog(/goodbye/, 200), { code: PeerErrorCode.NoLogLine, message: /did not print \/goodbye\/ within 200 ms[^]*hello/ });
});

t.test("a wait fails fast when the peer exits", async (t) => {
  const peer = bashPeer(t, "echo bad config; exit 3");
  const started = Date.now();
  await t.rejects(peer.waitUntilReady({ logLine: /ready/ }, 30_000), { code: PeerErrorCode.Exited, message: /exit code 3[^]*bad config/ });
  t.ok(Date.now() - started < 15_000, "the exit ended the wait, not its 30 s bound");
  t.same(peer.exitStatus(), { code: 3, signal: null });
});

t.test("readiness by log line, and NotReady when it never comes", async (t) => {
  const peer = bashPeer(t, "sleep 0.2; echo server is ready; sleep 30");
  await peer.waitUntilReady({ logLine: /is ready/ }, 5000);
  const quiet = bashPeer(t, "sleep 30");
  await t.rejects(quiet.waitUntilReady({ logLine: /is ready/ }, 200), { code: PeerErrorCode.NotReady });
});

t.test("readiness by TCP port on 127.0.0.1", async (t) => {
  const port = await freeTcpPort();
  const script = `setTimeout(() => require("net").createServer((s) => s.end()).listen(${port}, "127.0.0.1"), 200)`;
  const peer = spawnPeer({ name: "listener", command: process.execPath, args: ["-e", script], cwd: tmpdir() });
  t.teardown(() => peer.stop());
  await peer.waitUntilReady({ tcpPort: port }, 5000);
  const closed = await freeTcpPort();
  await t.rejects(peer.waitForTcpPort(closed, 300), { code: PeerErrorCode.NotReady, message: new RegExp(`127\\.0\\.0\\.1:${closed}`) });
});

t.test("stdin pipe, offsets: wait only for what comes after an action", async (t) => {
  const peer = bashPeer(t, 'while read -r line; do echo "got $line"; done', { stdin: "pipe" });
  peer.write("one\n");
  await peer.waitForLog(/got one/, 5000);
  const from = peer.logOffset();
  peer.write("two\n");
  const match = await peer.waitForLog(/got (\w+)/, 5000, from);
  t.equal(match[1], "two");
  t.equal(peer.logs(from), "got two\n");
});

t.test("runToCompletion returns code and output, feeds input, and kills on timeout", async (t) => {
  const ok = await runToCompletion({ name: "cat", command: "bash", args: ["-c", "cat; exit 4"], cwd: tmpdir(), timeoutMs: 5000, input: "piped\n" });
  t.equal(ok.code, 4);
  t.equal(ok.output, "piped\n");
  t.notOk(ok.timedOut);
  t.match(describeRun("cat", ok), /^cat exited with exit code 4 after \d+ ms$/);

  const slow = await runToCompletion({ name: "sleep", command: "sleep", args: ["30"], cwd: tmpdir(), timeoutMs: 200 });
  t.ok(slow.timedOut);
  t.equal(slow.signal, "SIGTERM");
  t.match(describeRun("sleep", slow), /timed out and was killed/);
});
