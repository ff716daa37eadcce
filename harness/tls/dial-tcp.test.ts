import t from "tap";
import { dialTcp } from "./dial-tcp.js";
import { signalingSecurity } from "./signaling-security.js";
import { LOOPBACK, closedPort, startTcpServer, within } from "./tls-test-fixtures.test.js";

t.test("plain TCP: the socket, the endpoints, a connect time, no TLS evidence", async (t) => {
  const server = await startTcpServer((socket) => socket.end("SIP/2.0 200 OK\r\n\r\n"));
  t.teardown(() => server.close());
  const result = await dialTcp({ address: LOOPBACK, port: server.port, connectTimeoutMs: 5000 });
  t.ok(result.ok);
  if (!result.ok) return;
  t.match(result.evidence, {
    transport: "tcp",
    version: null,
    cipher: null,
    peer: null,
    tcp: { remoteAddress: LOOPBACK, remotePort: server.port, localAddress: LOOPBACK },
    clientCertificate: { sent: false, requested: null, accepted: null, requestedBasis: /plain TCP/ },
  });
  t.equal(signalingSecurity(result.evidence), "tcp");
  t.ok(result.timings.tcpConnect !== null && result.timings.tcpConnect >= 0);
  t.equal(result.timings.tlsHandshake, null);
  const text = await within(
    new Promise<string>((done) => {
      let received = "";
      result.socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
      result.socket.on("end", () => done(received));
    }),
    5000,
    "data",
  );
  t.equal(text, "SIP/2.0 200 OK\r\n\r\n");
  result.socket.destroy();
});

t.test("refused, aborted, bad input", async (t) => {
  const refused = await dialTcp({ address: LOOPBACK, port: await closedPort(), connectTimeoutMs: 5000 });
  t.match(refused.ok ? null : refused.failure, { code: "connection-refused", phase: "connect" });
  const aborted = await dialTcp({ address: LOOPBACK, port: 5060, connectTimeoutMs: 5000, signal: AbortSignal.abort() });
  t.match(aborted.ok ? null : aborted.failure, { code: "aborted" });
  await t.rejects(dialTcp({ address: LOOPBACK, port: 70000, connectTimeoutMs: 5000 }), { code: "EXUM_TLS_BAD_OPTION" });
  await t.rejects(dialTcp({ address: LOOPBACK, port: 5060, connectTimeoutMs: -1 }), { code: "EXUM_TLS_BAD_OPTION" });
});

t.test("a local address binds our end (a lab role's own loopback address)", async (t) => {
  const server = await startTcpServer(() => undefined);
  t.teardown(() => server.close());
  const result = await dialTcp({ address: LOOPBACK, port: server.port, localAddress: LOOPBACK, connectTimeoutMs: 5000 });
  t.ok(result.ok);
  if (result.ok) result.socket.destroy();
  t.equal(result.evidence.tcp.localAddress, LOOPBACK);
});
