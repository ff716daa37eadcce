import { once } from "node:events";
import tls from "node:tls";
import t, { type Test } from "tap";
import { createLogger } from "../../log/logger.js";
import { sharedPki } from "../../testing/probe-fixture.js";
import { SimListener, type SimListenerOptions } from "./sim-listener.js";

/** Counts the SecureContexts node:tls builds (tls.Server's constructor calls the module's export). */
function countContexts(test: Test): () => number {
  const original = tls.createSecureContext;
  let count = 0;
  tls.createSecureContext = (...args) => {
    count += 1;
    return original(...args);
  };
  test.teardown(() => {
    tls.createSecureContext = original;
  });
  return () => count;
}

async function listener(test: Test, overrides: Partial<SimListenerOptions> = {}): Promise<SimListener> {
  const pki = await sharedPki();
  const identity = await pki.identity("cas01");
  const sim = new SimListener({
    address: "127.0.0.1",
    port: 0,
    transport: "tls",
    tls: { cert: identity.certPem, key: identity.keyPem, ca: [pki.rootCaPem], requestCert: false, rejectUnauthorized: false },
    gate: () => "accept",
    onRequest: () => undefined,
    logger: createLogger({ level: "silent" }),
    ...overrides,
  });
  await sim.listen();
  test.teardown(() => sim.stop());
  return sim;
}

/** The subject of the certificate the listener presents to a client that trusts the lab root. */
async function presentedSubject(port: number): Promise<string> {
  const pki = await sharedPki();
  const socket = tls.connect({ host: "127.0.0.1", port, ca: [pki.rootCaPem], servername: "cas01.lab.test", checkServerIdentity: () => undefined });
  await once(socket, "secureConnect");
  const subject = socket.getPeerX509Certificate()?.subject ?? "";
  socket.destroy();
  return subject;
}

t.test("a TLS listener builds its server's SecureContext on its first connection, not when it starts", async (t) => {
  const contexts = countContexts(t);
  const sim = await listener(t);
  t.equal(contexts(), 0, "listening built no context");
  t.match(await presentedSubject(sim.port), /cas01/);
  const afterFirst = contexts();
  t.ok(afterFirst >= 1, "the first connection built the server's context");
  t.match(await presentedSubject(sim.port), /cas01/);
  t.equal(contexts() - afterFirst, 1, "a second connection reused the server (only the client's context is new)");
});

t.test("a certificate set before any connection is the one presented", async (t) => {
  const pki = await sharedPki();
  const sim = await listener(t);
  const other = await pki.identity("mbx01");
  sim.setCertificate(other.certPem, other.keyPem);
  t.match(await presentedSubject(sim.port), /mbx01/);
});

t.test("a listener whose key does not match its certificate closes each connection and logs it", async (t) => {
  const lines: string[] = [];
  const pki = await sharedPki();
  const cas01 = await pki.identity("cas01");
  const wrongKey = (await pki.identity("mbx01")).keyPem;
  const sim = await listener(t, {
    tls: { cert: cas01.certPem, key: wrongKey, ca: [pki.rootCaPem], requestCert: false, rejectUnauthorized: false },
    logger: createLogger({ level: "error", destination: { write: (line: string) => void lines.push(line) } }),
  });
  const socket = tls.connect({ host: "127.0.0.1", port: sim.port, rejectUnauthorized: false });
  let secured = false;
  socket.on("secureConnect", () => (secured = true));
  // events.once would reject on the "error" that precedes "close".
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.once("close", resolve));
  t.equal(secured, false, "no handshake completed");
  t.match(lines.join(""), /certificate or key was refused/);
  t.throws(() => sim.setCertificate(cas01.certPem, wrongKey), /key values mismatch/, "a rotation to a bad pair throws");
  sim.setCertificate(cas01.certPem, cas01.keyPem);
  t.match(await presentedSubject(sim.port), /cas01/, "the same listener serves once its PEM is good");
});

t.test("a rotation while serving keeps the listener's ciphers and versions (only the pair changes)", async (t) => {
  const pki = await sharedPki();
  // TLS 1.2 with one suite, not the client's first choice (Node offers AES-128-GCM before AES-256-GCM).
  const cas01 = await pki.identity("cas01");
  const only = "ECDHE-RSA-AES256-GCM-SHA384";
  const sim = await listener(t, {
    tls: { cert: cas01.certPem, key: cas01.keyPem, ca: [pki.rootCaPem], requestCert: false, rejectUnauthorized: false, maxVersion: "TLSv1.2", ciphers: only },
  });
  const negotiated = async (): Promise<{ subject: string; cipher: string; version: string | null }> => {
    const socket = tls.connect({ host: "127.0.0.1", port: sim.port, ca: [pki.rootCaPem], servername: "cas01.lab.test", checkServerIdentity: () => undefined });
    await once(socket, "secureConnect");
    const result = { subject: socket.getPeerX509Certificate()?.subject ?? "", cipher: socket.getCipher().name, version: socket.getProtocol() };
    socket.destroy();
    return result;
  };
  t.match(await negotiated(), { subject: /cas01/, cipher: only, version: "TLSv1.2" }, "before: the listener's suite");
  const other = await pki.identity("mbx01");
  sim.setCertificate(other.certPem, other.keyPem);
  t.match(await negotiated(), { subject: /mbx01/, cipher: only, version: "TLSv1.2" }, "after: the new pair, the same suite and version");
});
