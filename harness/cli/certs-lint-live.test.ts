import { once } from "node:events";
import { createServer as netCreateServer, type AddressInfo, type Socket } from "node:net";
import { createServer, type Server, type TlsOptions } from "node:tls";
import t from "tap";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { probeTlsServer } from "./certs-lint-live.js";

// Loopback only (PEERS.md): every server here listens on 127.0.0.1, port 0.
const root = createRootCa({ commonName: "exum Test Root CA" });
const stranger = createRootCa({ commonName: "Stranger CA" });
const server = issueCertificate(root, { commonName: "cas01.tukwila.contoso.com", dnsNames: ["cas01.tukwila.contoso.com"] });
const client = issueCertificate(root, { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"] });
const untrusted = issueCertificate(stranger, { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"] });

async function listen(t: { teardown(fn: () => Promise<void>): void }, options: TlsOptions): Promise<number> {
  const open = new Set<Socket>();
  // Like a SIP server: keep the connection open until the client goes.
  const tls: Server = createServer({ key: server.keyPem, cert: server.chainPem, ...options }, (socket) => {
    socket.on("error", () => {});
    socket.resume();
  });
  tls.on("connection", (socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  });
  tls.on("tlsClientError", () => {});
  tls.listen(0, "127.0.0.1");
  await once(tls, "listening");
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        tls.close(() => resolve());
      }),
  );
  return (tls.address() as AddressInfo).port;
}

const probe = (port: number, extra: Partial<Parameters<typeof probeTlsServer>[0]> = {}) =>
  probeTlsServer({ host: "127.0.0.1", port, timeoutMs: 3000, settleMs: 300, ...extra });

for (const version of ["TLSv1.3", "TLSv1.2"] as const) {
  t.test(`${version}: a server that requires a client certificate`, async (t) => {
    const port = await listen(t, { requestCert: true, rejectUnauthorized: true, ca: root.certPem, minVersion: version, maxVersion: version });

    const ours = await probe(port, { identity: { certPem: client.chainPem, keyPem: client.keyPem } });
    t.equal(ours.protocol, version);
    t.equal(ours.clientCertificateRequested, true, "saw the CertificateRequest");
    t.equal(ours.clientCertificateAccepted, true, `accepted ours: ${ours.acceptanceEvidence}`);
    t.equal(ours.peerChainPems.length, 2, "leaf and root as the server sent them");

    const none = await probe(port);
    t.equal(none.clientCertificateRequested, true);
    t.equal(none.clientCertificateAccepted, false, `no certificate → ${none.acceptanceEvidence}`);
    t.equal(none.error?.alert, version === "TLSv1.3" ? 116 : 40);
    t.equal(none.peerChainPems.length, 2, "the chain is read from the handshake even when it fails");

    const stranger = await probe(port, { identity: { certPem: untrusted.chainPem, keyPem: untrusted.keyPem } });
    // Node's TLS server checks the chain after OpenSSL's handshake and just closes (no alert 48, unlike
    // Kamailio/OpenSSL servers that verify in the handshake): the probe still calls it a rejection.
    t.equal(stranger.clientCertificateAccepted, false, `untrusted → ${stranger.acceptanceEvidence}`);
  });

  t.test(`${version}: a server that does not ask for a client certificate`, async (t) => {
    const port = await listen(t, { minVersion: version, maxVersion: version });
    const facts = await probe(port, { identity: { certPem: client.chainPem, keyPem: client.keyPem } });
    t.equal(facts.handshakeCompleted, true);
    t.equal(facts.clientCertificateRequested, false);
    t.equal(facts.peerChainPems.length, 2);
  });
}

t.test("requestCert without rejectUnauthorized: asked, and kept the connection", async (t) => {
  const port = await listen(t, { requestCert: true, rejectUnauthorized: false, ca: root.certPem });
  const facts = await probe(port, { identity: { certPem: untrusted.chainPem, keyPem: untrusted.keyPem } });
  t.equal(facts.clientCertificateRequested, true);
  t.equal(facts.clientCertificateAccepted, true);
});

t.test("a refused connection is a fact, not an exception", async (t) => {
  const closed = netCreateServer().listen(0, "127.0.0.1");
  await once(closed, "listening");
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const facts = await probeTlsServer({ host: "127.0.0.1", port, timeoutMs: 2000 });
  t.equal(facts.connected, false);
  t.equal(facts.error?.code, "ECONNREFUSED");
});
