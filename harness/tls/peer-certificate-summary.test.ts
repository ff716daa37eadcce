import { X509Certificate } from "node:crypto";
import t from "tap";
import { dialTls } from "./dial-tls.js";
import { pemCertificates } from "./pem-certificates.js";
import { LOOPBACK, SERVER_NAME, labPki, startTlsServer } from "./tls-test-fixtures.test.js";

t.test("the peer chain carries each certificate as PEM, exactly as the server sent it; the leaf summary does not", async (t) => {
  const pki = labPki();
  const server = await startTlsServer({ cert: pki.server.certPem, key: pki.server.keyPem });
  t.teardown(() => server.close());
  const result = await dialTls({ address: LOOPBACK, port: server.port, servername: SERVER_NAME, caPem: [pki.caPem], connectTimeoutMs: 5000, handshakeTimeoutMs: 5000 });
  if (result.ok) result.socket.destroy();
  t.ok(result.ok);
  const sent = pemCertificates(pki.server.certPem, "server chain").map((certificate) => certificate.fingerprint256);
  const chain = result.evidence.peerChain;
  t.same(
    chain.map((summary) => (summary.pem === undefined ? null : new X509Certificate(summary.pem).fingerprint256)),
    sent,
    "leaf then root, each PEM parses back to the certificate summarised",
  );
  t.same(chain.map((summary) => summary.fingerprint256), sent);
  t.match(chain[0]?.pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  t.same(
    chain.map((summary) => summary.pem),
    pemCertificates(pki.server.certPem, "server chain").map((certificate) => certificate.toString()),
    "each PEM as X509Certificate#toString() writes it",
  );
  t.equal(result.evidence.peer?.pem, undefined, "evidence.peer stays short");
});
