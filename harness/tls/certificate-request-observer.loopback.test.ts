/**
 * The certificate-request observer against real node:tls servers on 127.0.0.1: TLS 1.3 with every AEAD OpenSSL
 * offers, TLS 1.2 with several suites, a HelloRetryRequest, requestCert on and off. The observer's verdict must be
 * read from the wire ("plaintext"/"decrypted" in the basis) and agree with OpenSSL's own hint (no warning).
 */
import t from "tap";
import { dialTls } from "./dial-tls.js";
import type { DialTlsOptions } from "./dial-options.js";
import { LOOPBACK, SERVER_NAME, labPki, startTlsServer, within } from "./tls-test-fixtures.test.js";
import type { TlsVersion } from "./tls-version.js";

interface Case {
  version: TlsVersion;
  ciphers: string;
  ecdhCurve?: string;
}

const cases: Case[] = [
  { version: "TLSv1.3", ciphers: "TLS_AES_128_GCM_SHA256" },
  { version: "TLSv1.3", ciphers: "TLS_AES_256_GCM_SHA384" },
  { version: "TLSv1.3", ciphers: "TLS_CHACHA20_POLY1305_SHA256" },
  { version: "TLSv1.3", ciphers: "TLS_AES_128_CCM_SHA256" },
  { version: "TLSv1.3", ciphers: "TLS_AES_128_CCM_8_SHA256" },
  { version: "TLSv1.3", ciphers: "TLS_AES_128_GCM_SHA256", ecdhCurve: "P-384" }, // forces a HelloRetryRequest
  { version: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-GCM-SHA256" },
  { version: "TLSv1.2", ciphers: "ECDHE-RSA-AES256-GCM-SHA384" },
  { version: "TLSv1.2", ciphers: "ECDHE-RSA-CHACHA20-POLY1305" },
  { version: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-SHA256" },
];

async function dialCase(c: Case, requestCert: boolean, extra: Partial<DialTlsOptions> = {}) {
  const pki = labPki();
  const gotCertificate: boolean[] = [];
  const server = await startTlsServer(
    {
      key: pki.server.keyPem,
      cert: pki.server.certPem,
      ca: [pki.caPem],
      requestCert,
      rejectUnauthorized: false,
      minVersion: c.version,
      maxVersion: c.version,
      ciphers: c.ciphers,
      ...(c.ecdhCurve === undefined ? {} : { ecdhCurve: c.ecdhCurve }),
    },
    (socket) => {
      gotCertificate.push(socket.getPeerX509Certificate() !== undefined);
      socket.end("hello");
    },
  );
  const result = await dialTls({
    address: LOOPBACK,
    port: server.port,
    servername: SERVER_NAME,
    identity: pki.client,
    caPem: [pki.caPem],
    ciphers: c.ciphers,
    connectTimeoutMs: 5000,
    handshakeTimeoutMs: 5000,
    ...extra,
  });
  return { server, result, gotCertificate };
}

/** The server's view once its side of the handshake is done (TLS 1.3 finishes there after the client). */
async function serverSaw(gotCertificate: boolean[]): Promise<boolean> {
  return within(
    (async () => {
      while (gotCertificate[0] === undefined) await new Promise((done) => setTimeout(done, 5));
      return gotCertificate[0];
    })(),
    5000,
    "server handshake",
  );
}

for (const c of cases) {
  for (const requestCert of [true, false]) {
    const name = `${c.version} ${c.ciphers}${c.ecdhCurve === undefined ? "" : " after HelloRetryRequest"}: requestCert ${requestCert}`;
    t.test(name, async (t) => {
      const { server, result, gotCertificate } = await dialCase(c, requestCert);
      t.teardown(() => server.close());
      t.ok(result.ok, "connected");
      if (!result.ok) return;
      t.teardown(() => result.socket.destroy());
      const { evidence } = result;
      t.equal(evidence.version, c.version);
      t.equal(evidence.clientCertificate.requested, requestCert, "requested as the server was configured");
      t.equal(evidence.clientCertificate.sent, requestCert, "sent only when asked");
      t.equal(evidence.clientCertificate.accepted, null, "acceptance is the SIP layer's to settle");
      t.match(evidence.clientCertificate.requestedBasis, c.version === "TLSv1.3" ? /decrypted/ : /plaintext/, "read from the wire");
      if (c.version === "TLSv1.3") t.match(evidence.clientCertificate.requestedBasis, c.ciphers);
      if (c.ecdhCurve !== undefined) t.match(evidence.clientCertificate.requestedBasis, /after a HelloRetryRequest/);
      t.same(evidence.warnings, [], "OpenSSL's hint agrees");
      t.equal(await serverSaw(gotCertificate), requestCert, "the server got our certificate only when it asked");
    });
  }
}

t.test("with wire observation off the answer is inferred from OpenSSL and says so", async (t) => {
  for (const requestCert of [true, false]) {
    const { server, result } = await dialCase({ version: "TLSv1.3", ciphers: "TLS_AES_128_GCM_SHA256" }, requestCert, {
      observeCertificateRequest: false,
    });
    t.ok(result.ok);
    t.equal(result.ok && result.socket.localPort, result.evidence.tcp.localPort, "native socket: endpoints as usual");
    if (result.ok) result.socket.destroy();
    t.equal(result.evidence.clientCertificate.requested, requestCert);
    t.match(result.evidence.clientCertificate.requestedBasis, /^inferred from OpenSSL.s shared signature algorithms.*\(wire observation off\)$/);
    await server.close();
  }
});

t.test("the observed connection still carries data both ways after the handshake", async (t) => {
  const { server, result } = await dialCase({ version: "TLSv1.3", ciphers: "TLS_AES_128_GCM_SHA256" }, true);
  t.teardown(() => server.close());
  if (!result.ok) throw new Error(result.failure.message);
  const text = await within(
    new Promise<string>((done) => {
      let received = "";
      result.socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
      result.socket.on("end", () => done(received));
    }),
    5000,
    "server data",
  );
  t.equal(text, "hello");
  result.socket.destroy();
});
