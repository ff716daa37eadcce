import { createServer, type AddressInfo, type Socket } from "node:net";
import { TLSSocket } from "node:tls";
import t from "tap";
import { certificateNames } from "./certificate-names.js";
import { dialTls } from "./dial-tls.js";
import type { DialTlsOptions } from "./dial-options.js";
import { peerCertificateSummary, peerChainSummary } from "./peer-certificate-summary.js";
import { serverSecureContext } from "./server-secure-context.js";
import { CLIENT_NAME, LOOPBACK, SERVER_NAME, labPki, startTlsServer, within } from "./tls-test-fixtures.test.js";

function dial(port: number, extra: Partial<DialTlsOptions> = {}) {
  return dialTls({ address: LOOPBACK, port, servername: SERVER_NAME, caPem: [labPki().caPem], connectTimeoutMs: 5000, handshakeTimeoutMs: 5000, ...extra });
}

/** Waits for the first accepted socket's handshake and returns what the server knows of the client. */
function firstPeer(secured: TLSSocket[]) {
  return within(
    (async () => {
      while (secured[0] === undefined) await new Promise((done) => setTimeout(done, 5));
      const socket = secured[0];
      return { authorized: socket.authorized, summary: peerCertificateSummary(socket), chain: peerChainSummary(socket) };
    })(),
    5000,
    "server handshake",
  );
}

t.test("tls.createServer with the options: a strict MTLS server authorises the client by its certificate names", async (t) => {
  const pki = labPki();
  const options = serverSecureContext({ identity: pki.server, caPem: [pki.caPem], requestCert: true });
  t.equal(options.rejectUnauthorized, true, "strict by default when asking");
  const server = await startTlsServer(options);
  t.teardown(() => server.close());
  const result = await dial(server.port, { identity: pki.client });
  t.ok(result.ok);
  const peer = await firstPeer(server.secured);
  if (result.ok) result.socket.destroy();
  t.ok(peer.authorized);
  t.equal(peer.summary?.commonName, CLIENT_NAME);
  t.same(peer.summary === null ? [] : certificateNames(peer.summary), [CLIENT_NAME]);
  t.equal(peer.chain.length, 2, "the client's leaf and our root");
});

t.test("a lenient server (rejectUnauthorized false) accepts anyone and decides later", async (t) => {
  const pki = labPki();
  const options = serverSecureContext({ identity: pki.server, caPem: [pki.caPem], requestCert: true, rejectUnauthorized: false });
  const foreign = await startTlsServer(options);
  t.teardown(() => foreign.close());
  const a = await dial(foreign.port, { identity: pki.foreignClient });
  const untrusted = await firstPeer(foreign.secured);
  if (a.ok) a.socket.destroy();
  t.notOk(untrusted.authorized, "a certificate from another CA is not authorised");
  t.equal(untrusted.summary?.commonName, CLIENT_NAME, "but its names are readable (→ 403, not a TLS abort)");

  const anonymous = await startTlsServer(options);
  t.teardown(() => anonymous.close());
  const b = await dial(anonymous.port);
  const none = await firstPeer(anonymous.secured);
  if (b.ok) b.socket.destroy();
  t.equal(none.summary, null, "no certificate, no summary");
  t.same(none.chain, []);
});

t.test("a server that does not ask: the client sends nothing", async (t) => {
  const pki = labPki();
  const options = serverSecureContext({ identity: pki.server, caPem: [], requestCert: false, maxVersion: "TLSv1.2" });
  t.match(options, { requestCert: false, rejectUnauthorized: false, ca: undefined, maxVersion: "TLSv1.2" });
  const server = await startTlsServer(options);
  t.teardown(() => server.close());
  const result = await dial(server.port, { identity: pki.client });
  t.ok(result.ok);
  if (result.ok) result.socket.destroy();
  t.match(result.evidence, { version: "TLSv1.2", clientCertificate: { requested: false, sent: false } });
});

t.test("new TLSSocket(accepted, { isServer, ...options }) uses the cached SecureContext, without Node's verdict", async (t) => {
  const pki = labPki();
  const options = serverSecureContext({ identity: pki.server, caPem: [pki.caPem], requestCert: true });
  t.equal(serverSecureContext({ identity: pki.server, caPem: [pki.caPem], requestCert: false }).secureContext, options.secureContext, "cached");
  const secured: TLSSocket[] = [];
  const raw: Socket[] = [];
  const server = createServer((socket) => {
    raw.push(socket);
    const tlsSocket = new TLSSocket(socket, { isServer: true, ...options });
    tlsSocket.on("error", () => undefined);
    tlsSocket.once("secure", () => secured.push(tlsSocket));
  });
  await within(new Promise<void>((done) => server.listen(0, LOOPBACK, done)), 5000, "listen");
  t.teardown(
    () =>
      new Promise<void>((done) => {
        for (const socket of raw) socket.destroy();
        server.close(() => done());
      }),
  );
  const result = await dial((server.address() as AddressInfo).port, { identity: pki.client });
  t.ok(result.ok);
  const peer = await firstPeer(secured);
  if (result.ok) result.socket.destroy();
  t.equal(peer.summary?.commonName, CLIENT_NAME);
  t.notOk(peer.authorized, "documented caveat: Node sets authorized only on sockets a tls.Server accepted");
});
