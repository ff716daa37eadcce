import type { TLSSocket } from "node:tls";
import t from "tap";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { dialTls } from "./dial-tls.js";
import type { DialTlsOptions } from "./dial-options.js";
import { clearSecureContextCache, secureContextCacheSize } from "./secure-context-for.js";
import { signalingSecurity } from "./signaling-security.js";
import { markClientCertificate } from "./mark-client-certificate.js";
import type { TlsIdentity } from "./tls-identity.js";
import { CLIENT_NAME, LOOPBACK, SERVER_NAME, labPki, startTlsServer, within } from "./tls-test-fixtures.test.js";

function options(port: number, extra: Partial<DialTlsOptions> = {}): DialTlsOptions {
  return {
    address: LOOPBACK,
    port,
    servername: SERVER_NAME,
    caPem: [labPki().caPem],
    connectTimeoutMs: 5000,
    handshakeTimeoutMs: 5000,
    ...extra,
  };
}

/** A server presenting `identity`; records the SNI it received and whether each connection closed. */
async function serverWith(identity: TlsIdentity, extra: Record<string, unknown> = {}) {
  const seen: Array<{ servername: string | false | undefined; closed: Promise<void> }> = [];
  const server = await startTlsServer({ key: identity.keyPem, cert: identity.certPem, ...extra }, (socket: TLSSocket) => {
    seen.push({ servername: (socket as TLSSocket & { servername?: string | false }).servername, closed: new Promise((done) => socket.once("close", () => done())) });
  });
  return { server, seen };
}

function leafOnly(pem: string): string {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(pem)?.[0] ?? pem;
}

t.test("mutual TLS 1.3 by FQDN: the full evidence", async (t) => {
  const pki = labPki();
  const { server, seen } = await serverWith(pki.server, { ca: [pki.caPem], requestCert: true, rejectUnauthorized: true });
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port, { identity: pki.client }));
  t.ok(result.ok);
  if (!result.ok) return;
  const { evidence, timings } = result;
  t.match(evidence, {
    transport: "tls",
    version: "TLSv1.3",
    cipher: { standardName: /^TLS_/, version: "TLSv1.3" },
    sni: SERVER_NAME,
    alpn: null,
    peer: { commonName: SERVER_NAME, san: [`DNS:${SERVER_NAME}`], subject: `O=exum lab, CN=${SERVER_NAME}` },
    verification: { trusted: true, error: null, nameMatches: true, verifiedName: SERVER_NAME, insecure: false },
    clientCertificate: { sent: true, requested: true, accepted: null, subject: `O=exum lab, CN=${CLIENT_NAME}` },
    warnings: [],
    tcp: { remoteAddress: LOOPBACK, remotePort: server.port, localAddress: LOOPBACK },
  });
  t.equal(evidence.peerChain.length, 2, "leaf, then the root completed from our CA list");
  t.equal(evidence.peerChain[0]?.fingerprint256, evidence.peer?.fingerprint256);
  t.equal(evidence.peerChain[1]?.commonName, "exum TLS test root");
  t.same(JSON.parse(JSON.stringify(evidence)), evidence, "evidence is JSON");
  t.match(
    { local: result.socket.localAddress, localPort: result.socket.localPort, remote: result.socket.remoteAddress, remotePort: result.socket.remotePort },
    { local: LOOPBACK, localPort: evidence.tcp.localPort, remote: LOOPBACK, remotePort: server.port },
    "the TLS socket answers its endpoints like a native one (the SIP layer builds Via/Contact from them)",
  );
  t.match(result.socket.address(), { address: LOOPBACK, port: evidence.tcp.localPort });
  t.equal(result.socket.setNoDelay(true), result.socket);
  t.equal(result.socket.setKeepAlive(true, 1000), result.socket);
  t.ok(timings.tcpConnect !== null && timings.tcpConnect >= 0 && timings.tcpConnect < 5000);
  t.ok(timings.tlsHandshake !== null && timings.tlsHandshake > 0 && timings.tlsHandshake < 5000);
  t.ok(timings.start <= performance.now());

  // The SIP layer settles acceptance; then it is mutual TLS.
  t.equal(signalingSecurity(evidence), "tls", "not mtls before a SIP response");
  markClientCertificate(evidence, true);
  t.equal(signalingSecurity(evidence), "mtls");

  await within((async () => { while (seen.length === 0) await new Promise((done) => setTimeout(done, 5)); })(), 5000, "server side");
  t.equal(seen[0]?.servername, SERVER_NAME, "the server received our SNI");
  result.socket.destroy();
  await within(seen[0]?.closed ?? Promise.resolve(), 5000, "destroying our socket closes the connection");
});

t.test("a server that never asks for a certificate: signalling is tls, not mtls (baresip)", async (t) => {
  const pki = labPki();
  const { server } = await serverWith(pki.server);
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port, { identity: pki.client }));
  if (!result.ok) throw new Error(result.failure.message);
  result.socket.destroy();
  t.match(result.evidence.clientCertificate, { requested: false, sent: false, subject: null });
  markClientCertificate(result.evidence, true);
  t.equal(result.evidence.clientCertificate.accepted, null, "nothing of ours was accepted");
  t.equal(signalingSecurity(result.evidence), "tls");
});

t.test("untrusted servers: the chain is evidence, the socket is closed, OpenSSL's reason is kept", async (t) => {
  const pki = labPki();
  const otherRoot = createRootCa({ commonName: "exum other root 2" });
  const intermediate = issueCertificate(otherRoot, { commonName: "exum other intermediate", isCa: true });
  const leaf = issueCertificate(intermediate, { commonName: SERVER_NAME, dnsNames: [SERVER_NAME] });
  const viaIntermediate: TlsIdentity = { certPem: leaf.chainPem, keyPem: leaf.keyPem };
  // The advice follows the reason: only an unknown issuer is a matter of --ca; a date or a self-signed certificate is
  // the server's to fix.
  const cases: Array<[string, TlsIdentity, string, RegExp]> = [
    ["self-signed", pki.selfSignedServer, "DEPTH_ZERO_SELF_SIGNED_CERT", /it is self-signed: re-issue it from the CA/],
    ["another CA, root sent", pki.foreignServer, "SELF_SIGNED_CERT_IN_CHAIN", /--ca/],
    ["another CA, leaf only", { ...pki.foreignServer, certPem: leafOnly(pki.foreignServer.certPem) }, "UNABLE_TO_VERIFY_LEAF_SIGNATURE", /--ca/],
    ["another CA's intermediate", viaIntermediate, "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", /--ca/],
    ["expired", pki.expiredServer, "CERT_HAS_EXPIRED", /it expired \S+: renew the server's certificate \(no --ca makes an expired one valid\)/],
  ];
  for (const [name, identity, reason, advice] of cases) {
    const { server, seen } = await serverWith(identity);
    const result = await dialTls(options(server.port));
    t.notOk(result.ok, name);
    if (!result.ok) {
      t.match(result.failure, { code: "tls-untrusted-server", opensslCode: reason, phase: "handshake", message: advice }, name);
      t.match(result.evidence.verification, { trusted: false, error: reason, insecure: false }, name);
      t.equal(result.evidence.peer?.commonName, SERVER_NAME, `${name}: the peer certificate is evidence`);
      t.ok(result.evidence.peerChain.length >= 1);
      t.type(result.timings.tlsHandshake, "number");
    }
    await within(
      (async () => {
        while (seen[0] === undefined) await new Promise((done) => setTimeout(done, 5));
        await seen[0].closed;
      })(),
      5000,
      `${name}: connection closed`,
    );
    await server.close();
  }
});

t.test("a certificate for another name: tls-name-mismatch naming both", async (t) => {
  const pki = labPki();
  const { server } = await serverWith(pki.wrongNameServer);
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port));
  t.notOk(result.ok);
  if (result.ok) return;
  t.match(result.failure, { code: "tls-name-mismatch", message: /names other\.lab\.exum\.test, not um01\.lab\.exum\.test/ });
  t.match(result.evidence.verification, { trusted: true, nameMatches: false, verifiedName: SERVER_NAME });
});

t.test("--insecure keeps the connection and says loudly what it overrode", async (t) => {
  const pki = labPki();
  const { server } = await serverWith(pki.selfSignedServer);
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port, { insecure: true }));
  t.ok(result.ok);
  if (!result.ok) return;
  result.socket.destroy();
  t.match(result.evidence.verification, { trusted: false, error: "DEPTH_ZERO_SELF_SIGNED_CERT", insecure: true });
  t.match(result.evidence.warnings, [/^INSECURE: .*tls-untrusted-server/]);

  const named = await serverWith(pki.wrongNameServer);
  t.teardown(() => named.server.close());
  const mismatch = await dialTls(options(named.server.port, { insecure: true }));
  t.ok(mismatch.ok);
  if (mismatch.ok) mismatch.socket.destroy();
  t.match(mismatch.evidence.warnings, [/^INSECURE: .*tls-name-mismatch/]);
});

t.test("a bare IP target: no SNI, the certificate is checked against the IP", async (t) => {
  const pki = labPki();
  const { server, seen } = await serverWith(pki.server);
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port, { servername: undefined }));
  t.notOk(result.ok);
  if (result.ok) return;
  t.equal(result.evidence.sni, null);
  t.match(result.failure, { code: "tls-name-mismatch", message: /not 127\.0\.0\.1; connect by FQDN/ });
  t.equal(result.evidence.verification.verifiedName, LOOPBACK);

  const kept = await dialTls(options(server.port, { servername: undefined, insecure: true }));
  if (!kept.ok) throw new Error(kept.failure.message);
  await within((async () => { while (seen.length < 2) await new Promise((done) => setTimeout(done, 5)); })(), 5000, "server side");
  kept.socket.destroy();
  t.equal(seen[1]?.servername, false, "the server saw no SNI");
});

t.test("the SecureContext is built once for repeated dials with one identity", async (t) => {
  const pki = labPki();
  const { server } = await serverWith(pki.server);
  t.teardown(() => server.close());
  clearSecureContextCache();
  for (let index = 0; index < 3; index += 1) {
    const result = await dialTls(options(server.port, { identity: pki.client }));
    if (result.ok) result.socket.destroy();
  }
  t.equal(secureContextCacheSize(), 1);
});

t.test("bad input throws before any connection; a peer's misbehaviour never throws", async (t) => {
  const pki = labPki();
  await t.rejects(dialTls(options(0)), { code: "EXUM_TLS_BAD_OPTION", field: "port" });
  await t.rejects(dialTls(options(5061, { address: " " })), { code: "EXUM_TLS_BAD_OPTION", field: "address" });
  await t.rejects(dialTls(options(5061, { handshakeTimeoutMs: 0 })), { code: "EXUM_TLS_BAD_OPTION", field: "handshakeTimeoutMs" });
  await t.rejects(dialTls(options(5061, { connectTimeoutMs: Number.NaN })), { code: "EXUM_TLS_BAD_OPTION", field: "connectTimeoutMs" });
  await t.rejects(dialTls(options(5061, { identity: { certPem: pki.client.certPem, keyPem: pki.server.keyPem } })), {
    code: "EXUM_KEY_MISMATCH",
  });
});

t.test("TLS 1.2 pinned on both sides", async (t) => {
  const pki = labPki();
  const { server } = await serverWith(pki.server, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2" });
  t.teardown(() => server.close());
  const result = await dialTls(options(server.port, { minVersion: "TLSv1.2", maxVersion: "TLSv1.2", identity: pki.client }));
  t.ok(result.ok);
  if (!result.ok) return;
  result.socket.destroy();
  t.match(result.evidence, { version: "TLSv1.2", cipher: { version: "TLSv1.2" }, clientCertificate: { requested: false } });
});
