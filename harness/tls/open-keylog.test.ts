import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import t from "tap";
import { isHarnessError } from "../errors/harness-error.js";
import { attachKeylog } from "./attach-keylog.js";
import { dialTls } from "./dial-tls.js";
import { MemoryKeylog } from "./keylog-sink.js";
import { parseNssKeylogLine } from "./nss-keylog-line.js";
import { openKeylog } from "./open-keylog.js";
import { LOOPBACK, SERVER_NAME, labPki, startTlsServer, within } from "./tls-test-fixtures.test.js";

const NSS_LINE = /^[A-Z0-9_]+ [0-9a-f]{64} [0-9a-f]+$/;

const dir = mkdtempSync(join(tmpdir(), "exum-keylog-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function handshake(version: "TLSv1.2" | "TLSv1.3", file: string): Promise<string[]> {
  const pki = labPki();
  const server = await startTlsServer({ key: pki.server.keyPem, cert: pki.server.certPem, minVersion: version, maxVersion: version });
  const sink = await openKeylog(file);
  const result = await dialTls({
    address: LOOPBACK,
    port: server.port,
    servername: SERVER_NAME,
    caPem: [pki.caPem],
    connectTimeoutMs: 5000,
    handshakeTimeoutMs: 5000,
    keylog: sink,
  });
  if (result.ok) result.socket.destroy();
  await server.close();
  await sink.close();
  return readFileSync(file, "latin1").split("\n").filter((line) => line !== "");
}

t.test("TLS 1.3: the traffic secrets in NSS format, in a file made 0600", async (t) => {
  const file = join(dir, "tls13.keylog");
  const lines = await handshake("TLSv1.3", file);
  t.equal(statSync(file).mode & 0o777, 0o600);
  for (const line of lines) t.match(line, NSS_LINE);
  const labels = lines.map((line) => line.split(" ")[0]);
  for (const label of [
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
  ]) {
    t.ok(labels.includes(label), label);
  }
  const randoms = new Set(lines.map((line) => line.split(" ")[1]));
  t.equal(randoms.size, 1, "one connection, one client random");
});

t.test("TLS 1.2: one CLIENT_RANDOM line with the 48-byte master secret; appends to an existing file, fixing its mode", async (t) => {
  const file = join(dir, "tls12.keylog");
  writeFileSync(file, "# earlier run\n", { mode: 0o644 });
  chmodSync(file, 0o644);
  const lines = await handshake("TLSv1.2", file);
  t.equal(statSync(file).mode & 0o777, 0o600);
  t.equal(lines[0], "# earlier run", "appended, not truncated");
  const secrets = lines.slice(1);
  t.equal(secrets.length, 1);
  t.match(secrets[0], /^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/);
  t.equal(parseNssKeylogLine(secrets[0] ?? "")?.secret.length, 48);
});

t.test("an unwritable path is bad input naming --keylog", async (t) => {
  await t.rejects(openKeylog(join(dir, "missing", "x.keylog")), { code: "EXUM_KEYLOG_OPEN", field: "--keylog" });
  try {
    await openKeylog(join(dir, "missing", "x.keylog"));
  } catch (error) {
    t.ok(isHarnessError(error) && error.exitCode === 2);
  }
});

t.test("writes after close are dropped; a line without a newline gets one", async (t) => {
  const file = join(dir, "close.keylog");
  const sink = await openKeylog(file);
  sink.write(Buffer.from("CLIENT_RANDOM " + "00".repeat(32) + " " + "11".repeat(48)));
  await sink.close();
  sink.write(Buffer.from("late\n"));
  await sink.close();
  t.equal(readFileSync(file, "latin1"), "CLIENT_RANDOM " + "00".repeat(32) + " " + "11".repeat(48) + "\n");
});

t.test("attachKeylog on any TLSSocket, into memory; detaching stops it", async (t) => {
  const pki = labPki();
  const server = await startTlsServer({ key: pki.server.keyPem, cert: pki.server.certPem });
  t.teardown(() => server.close());
  const memory = new MemoryKeylog();
  const socket = connect({ host: LOOPBACK, port: server.port, servername: SERVER_NAME, ca: [pki.caPem] });
  const detach = attachKeylog(socket, memory);
  await within(new Promise((done) => socket.once("secureConnect", done)), 5000, "handshake");
  socket.destroy();
  t.ok(memory.lines.length >= 4);
  for (const line of memory.lines) t.match(line, NSS_LINE);
  detach();
  t.equal(socket.listenerCount("keylog"), 0);
  await memory.close();
});

t.test("parseNssKeylogLine accepts lines with or without newline, refuses comments and odd hex", async (t) => {
  const line = `CLIENT_RANDOM ${"AB".repeat(32)} ${"cd".repeat(48)}\n`;
  t.match(parseNssKeylogLine(line), { label: "CLIENT_RANDOM", clientRandom: "ab".repeat(32) });
  t.equal(parseNssKeylogLine("# comment"), null);
  t.equal(parseNssKeylogLine(`X ${"ab".repeat(32)} abc`), null);
  t.equal(parseNssKeylogLine(`X ${"ab".repeat(31)} abcd`), null);
});
