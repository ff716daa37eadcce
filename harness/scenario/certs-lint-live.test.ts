import { once } from "node:events";
import { createServer as netCreateServer, type AddressInfo, type Socket } from "node:net";
import { createServer, type TLSSocket } from "node:tls";
import t from "tap";
import type { InboundRequest } from "../lab/net/inbound-request.js";
import { startSipListener } from "../testing/sip-test-listener.js";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { serverSecureContext, type ServerSecureContextOptions } from "../tls/server-secure-context.js";
import { certsLintLive, type LiveLintOptions } from "./certs-lint-live.js";

// Loopback only (docs/peers.md): every server here listens on 127.0.0.1, port 0; every probe is bounded by timeoutMs.
const root = createRootCa({ commonName: "exum Test Root CA" });
const stranger = createRootCa({ commonName: "Stranger CA" });
const server = issueCertificate(root, { commonName: "cas01.tukwila.contoso.com", dnsNames: ["cas01.tukwila.contoso.com"] });
const client = issueCertificate(root, { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"] });
const untrusted = issueCertificate(stranger, { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"] });
const ours = { certPem: client.chainPem, keyPem: client.keyPem };
const theirs = { certPem: untrusted.chainPem, keyPem: untrusted.keyPem };

type TlsDemand = Omit<ServerSecureContextOptions, "identity" | "caPem">;

/** A SIP server over TLS (harness/lab's listener): answers OPTIONS with 200, or as `answer` says. */
async function sipServer(
  t: { teardown(fn: () => Promise<void>): void },
  demand: TlsDemand,
  answer: (request: InboundRequest) => void = (request) => request.respond({ status: 200, reason: "OK" }),
) {
  const requests: InboundRequest[] = [];
  const listener = await startSipListener({
    address: "127.0.0.1",
    port: 0,
    protocol: "tls",
    tls: serverSecureContext({ identity: { certPem: server.chainPem, keyPem: server.keyPem }, caPem: [root.certPem], ...demand }),
    onRequest(request) {
      requests.push(request);
      answer(request);
    },
  });
  t.teardown(() => listener.close());
  return { port: listener.port, requests };
}

/** A TLS server that speaks no SIP: it completes handshakes and keeps the connection, silent, until we go. */
async function silentTlsServer(t: { teardown(fn: () => Promise<void>): void }, demand: TlsDemand): Promise<number> {
  const open = new Set<Socket>();
  const tls = createServer(
    { cert: server.chainPem, key: server.keyPem, ca: root.certPem, ...demand },
    (socket: TLSSocket) => void socket.on("error", () => {}).resume(),
  );
  tls.on("connection", (socket: Socket) => {
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

const probe = (port: number, extra: Partial<LiveLintOptions> = {}) =>
  certsLintLive({ host: "127.0.0.1", port, servername: "cas01.tukwila.contoso.com", timeoutMs: 3000, ...extra });

for (const version of ["TLSv1.3", "TLSv1.2"] as const) {
  t.test(`${version}: a SIP server that requires a client certificate`, async (t) => {
    const sip = await sipServer(t, { requestCert: true, rejectUnauthorized: true, minVersion: version, maxVersion: version });

    const accepted = await probe(sip.port, { identity: ours });
    t.equal(accepted.protocol, version);
    t.equal(accepted.servername, "cas01.tukwila.contoso.com");
    t.equal(accepted.clientCertificateRequested, true, `saw the CertificateRequest: ${accepted.clientCertificateRequestedBasis}`);
    t.equal(accepted.clientCertificateAccepted, true, `accepted ours: ${accepted.acceptanceEvidence}`);
    t.equal(accepted.acceptanceEvidence, "a SIP response came back: OPTIONS → 200 OK");
    t.same(accepted.sipResponse, { status: 200, reason: "OK" });
    t.equal(accepted.error, undefined);
    t.equal(accepted.peerChainPems.length, 2, "leaf and root as the server sent them");
    t.match(accepted.peerChainPems[0], /^-----BEGIN CERTIFICATE-----/);
    t.equal(sip.requests[0]?.message.method, "OPTIONS", "the server saw our OPTIONS");

    const none = await probe(sip.port);
    t.equal(none.clientCertificateOffered, false);
    t.equal(none.clientCertificateRequested, true);
    t.equal(none.clientCertificateAccepted, false, `no certificate → ${none.acceptanceEvidence}`);
    t.equal(none.error?.code, "tls-client-cert-rejected");
    t.match(none.acceptanceEvidence, version === "TLSv1.3" ? /TLS alert 116 certificate_required right after the handshake/ : /TLS alert 40 handshake_failure during the handshake/);
    t.equal(none.sipResponse, undefined);
    // TLS 1.3 refuses after our handshake completed, so the chain was recorded; TLS 1.2 refuses inside it.
    t.equal(none.handshakeCompleted, version === "TLSv1.3");
    t.equal(none.peerChainPems.length, version === "TLSv1.3" ? 2 : 0);

    const refused = await probe(sip.port, { identity: theirs });
    // Node's TLS server checks the chain after OpenSSL's handshake and just closes (no alert 48, unlike
    // Kamailio/OpenSSL servers that verify in the handshake): the TLS layer classifies the close after its
    // CertificateRequest as a refusal, and says it was inferred.
    t.equal(refused.clientCertificateAccepted, false, `untrusted → ${refused.acceptanceEvidence}`);
    t.equal(refused.error?.code, "tls-client-cert-rejected");
    t.equal(sip.requests.length, 1, "only the accepted connection reached SIP");
  });

  t.test(`${version}: a SIP server that does not ask for a client certificate`, async (t) => {
    const sip = await sipServer(t, { requestCert: false, minVersion: version, maxVersion: version });
    const facts = await probe(sip.port, { identity: ours });
    t.equal(facts.handshakeCompleted, true);
    t.equal(facts.clientCertificateRequested, false);
    t.equal(facts.clientCertificateAccepted, true, "the server kept us: a SIP response came back");
    t.equal(facts.peerChainPems.length, 2);
  });
}

t.test("asked, did not insist, and answered 403: a SIP answer is acceptance at the TLS level", async (t) => {
  const sip = await sipServer(t, { requestCert: true, rejectUnauthorized: false }, (request) => {
    const authorized = (request.socket as TLSSocket).authorized;
    request.respond(authorized ? { status: 200, reason: "OK" } : { status: 403, reason: "Forbidden" });
  });
  const facts = await probe(sip.port, { identity: theirs });
  t.equal(facts.clientCertificateRequested, true);
  t.equal(facts.clientCertificateAccepted, true);
  t.equal(facts.acceptanceEvidence, "a SIP response came back: OPTIONS → 403 Forbidden (rejected)");
  t.same(facts.sipResponse, { status: 403, reason: "Forbidden" });
  t.equal(facts.error, undefined, "an answer is not a connection error");
});

t.test("a TLS server that speaks no SIP: acceptance is unknown, with the reason, never assumed", async (t) => {
  const port = await silentTlsServer(t, { requestCert: true, rejectUnauthorized: false });
  const facts = await probe(port, { identity: ours, timeoutMs: 1500 });
  t.equal(facts.handshakeCompleted, true);
  t.equal(facts.clientCertificateRequested, true, "it asked for our certificate");
  t.equal(facts.clientCertificateAccepted, undefined, "kept the connection, but no SIP response: unknown");
  t.match(facts.acceptanceEvidence, /^no SIP response came back \(no-response: no final response to OPTIONS within 1500 ms\)$/);
  t.equal(facts.error?.code, "no-response");
  t.equal(facts.peerChainPems.length, 2, "the chain is still there to lint");
  t.ok(facts.elapsedMs >= 1400 && facts.elapsedMs < 15_000, `bounded by the 1.5 s timeout (${Math.round(facts.elapsedMs)} ms); a silent server would hold it forever`);
});

t.test("a bare IP target sends no SNI; the target is shown as given", async (t) => {
  const sip = await sipServer(t, { requestCert: false });
  const facts = await probe(sip.port, { servername: undefined });
  t.equal(facts.servername, undefined);
  t.equal(facts.target, `127.0.0.1:${sip.port}`);
  t.match(sip.requests[0]?.raw, new RegExp(`^OPTIONS sip:127\\.0\\.0\\.1:${sip.port};transport=tls SIP/2\\.0`));
});

t.test("a refused connection is a fact, not an exception", async (t) => {
  const closed = netCreateServer().listen(0, "127.0.0.1");
  await once(closed, "listening");
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const facts = await probe(port, { timeoutMs: 2000 });
  t.equal(facts.connected, false);
  t.equal(facts.handshakeCompleted, false);
  t.equal(facts.error?.code, "connection-refused");
  t.match(facts.error?.message, /ECONNREFUSED/);
  t.equal(facts.clientCertificateAccepted, undefined);
});
