import type { TLSSocket } from "node:tls";
import t from "tap";
import { classifyTlsFailure, receivedAlert } from "./classify-tls-failure.js";
import { DialTimeoutError } from "./dial-timeout-error.js";
import { dialTls } from "./dial-tls.js";
import type { DialTlsOptions } from "./dial-options.js";
import { FAILURES, failureCodesOf, isFailureCode } from "../model/failure-code.js";
import {
  LOOPBACK,
  SERVER_NAME,
  closedPort,
  hasOpenSsl,
  labPki,
  startAlertServer,
  startOpenSslServer,
  startTcpServer,
  startTlsServer,
  within,
} from "./tls-test-fixtures.test.js";

/** Node error codes as they appear on real errors, and what they must classify as. */
const NODE_CODES: Array<[code: string, expected: string, alert: number | null]> = [
  ["ECONNREFUSED", "connection-refused", null],
  ["ECONNRESET", "connection-reset", null],
  ["EPIPE", "connection-reset", null],
  ["ETIMEDOUT", "connection-timeout", null],
  ["ENOTFOUND", "name-not-resolved", null],
  ["EAI_AGAIN", "name-not-resolved", null],
  ["EHOSTUNREACH", "connection-failed", null],
  ["ENETUNREACH", "connection-failed", null],
  ["ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", "tls-client-cert-rejected", 116],
  ["ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", "tls-client-cert-rejected", 48],
  ["ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", "tls-client-cert-rejected", 40],
  ["ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE", "tls-client-cert-rejected", 42],
  ["ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE", "tls-client-cert-rejected", 43],
  ["ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED", "tls-client-cert-rejected", 44],
  ["ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED", "tls-client-cert-rejected", 45],
  ["ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN", "tls-client-cert-rejected", 46],
  ["ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", "tls-protocol-version", 70],
  ["ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR", "tls-handshake-failed", 80],
  ["ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY", "tls-handshake-failed", 71],
  ["ERR_SSL_TLSV1_ALERT_USER_CANCELLED", "tls-handshake-failed", 90],
  ["ERR_SSL_TLSV1_UNRECOGNIZED_NAME", "tls-handshake-failed", 112],
  ["ERR_SSL_TLSV13_ALERT_MISSING_EXTENSION", "tls-handshake-failed", 109],
  ["ERR_SSL_UNSUPPORTED_PROTOCOL", "tls-protocol-version", null],
  ["ERR_SSL_NO_PROTOCOLS_AVAILABLE", "tls-protocol-version", null],
  ["ERR_SSL_WRONG_VERSION_NUMBER", "tls-handshake-failed", null],
  ["ERR_SSL_CERTIFICATE_VERIFY_FAILED", "tls-untrusted-server", null],
  ["SELF_SIGNED_CERT_IN_CHAIN", "tls-untrusted-server", null],
  ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls-untrusted-server", null],
  ["CERT_HAS_EXPIRED", "tls-untrusted-server", null],
  ["CERT_NOT_YET_VALID", "tls-untrusted-server", null],
  ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "tls-untrusted-server", null],
  ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls-untrusted-server", null],
  ["ERR_TLS_CERT_ALTNAME_INVALID", "tls-name-mismatch", null],
  ["ERR_SOMETHING_NEW", "tls-handshake-failed", null],
];

t.test("table: Node error codes → stable failure codes", async (t) => {
  for (const [code, expected, alert] of NODE_CODES) {
    const failure = classifyTlsFailure(Object.assign(new Error(`synthetic ${code}`), { code }), "handshake");
    t.equal(failure.code, expected, code);
    t.equal(failure.alert, alert, `${code} alert`);
    t.equal(failure.rawCode, code);
    t.equal(FAILURES[failure.code].layer, "connection", `${code}: a connection-layer code`);
    t.ok(failure.message.length > 0);
  }
});

t.test("every code in the table has a one-line description", async (t) => {
  for (const code of failureCodesOf("connection")) {
    t.match(code, /^[a-z-]+$/);
    t.notMatch(FAILURES[code].meaning, /\n/);
  }
  t.notOk(isFailureCode("nope"));
});

t.test("alerts: 'SSL alert number N' wins; names; context refines alert 40", async (t) => {
  t.equal(receivedAlert({ message: "x:ssl3_read_bytes:weird:SSL alert number 113", code: "ERR_SSL_WHATEVER" }), 113);
  t.equal(receivedAlert("ERR_SSL_TLSV1_ALERT_DECODE_ERROR"), 50);
  t.equal(receivedAlert("ERR_SSL_TLSV1_BAD_CERTIFICATE_HASH_VALUE"), 114);
  t.equal(receivedAlert(new Error("no alert here")), null);
  const forty = Object.assign(new Error("sslv3 alert handshake failure:SSL alert number 40"), { code: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE" });
  t.equal(classifyTlsFailure(forty, "handshake").code, "tls-client-cert-rejected");
  t.equal(classifyTlsFailure(forty, "handshake", { certificateRequested: true }).code, "tls-client-cert-rejected");
  t.equal(classifyTlsFailure(forty, "handshake", { certificateRequested: false }).code, "tls-handshake-failed");
  t.match(classifyTlsFailure(forty, "handshake", { certificateRequested: false }), { alert: 40, alertName: "handshake_failure", opensslCode: "SSLV3_ALERT_HANDSHAKE_FAILURE" });
});

t.test("our timeouts, aborts, closes and unknown errors by phase; non-errors never throw", async (t) => {
  t.match(classifyTlsFailure(new DialTimeoutError("connect", 100), "connect"), { code: "connection-timeout", message: /TCP connection .* 100 ms/ });
  t.match(classifyTlsFailure(new DialTimeoutError("handshake", 50), "handshake"), { code: "connection-timeout", message: /handshake .* 50 ms/ });
  t.equal(classifyTlsFailure(Object.assign(new Error("x"), { name: "AbortError" }), "handshake").code, "aborted");
  t.match(classifyTlsFailure(new Error("Client network socket disconnected before secure TLS connection was established"), "handshake"), {
    code: "connection-reset",
    message: /during the TLS handshake/,
  });
  const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
  t.match(classifyTlsFailure(reset, "after-handshake"), { code: "connection-reset", phase: "after-handshake" });
  t.match(classifyTlsFailure(reset, "after-handshake", { certificateRequested: false }), { code: "connection-reset" });
  t.match(classifyTlsFailure(reset, "after-handshake", { certificateRequested: true }), { code: "tls-client-cert-rejected", alert: null });
  t.match(classifyTlsFailure(reset, "connect", { certificateRequested: true }), { code: "connection-reset" }, "no TLS yet");
  t.equal(classifyTlsFailure(new Error("strange"), "connect").code, "connection-failed");
  t.equal(classifyTlsFailure(new Error("strange"), "handshake").code, "tls-handshake-failed");
  t.equal(classifyTlsFailure(undefined, "handshake").code, "tls-handshake-failed");
  t.equal(classifyTlsFailure(42, "after-handshake").code, "tls-handshake-failed");
});

// ---- real errors on loopback -------------------------------------------------------------------------------

function dialOptions(port: number, extra: Partial<DialTlsOptions> = {}): DialTlsOptions {
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

/** The first error on an established socket (the server's post-handshake rejection), or null if it just closed. */
function firstError(socket: TLSSocket): Promise<Error | null> {
  return within(
    new Promise<Error | null>((done) => {
      socket.once("error", done);
      socket.once("close", () => done(null));
      socket.resume();
    }),
    5000,
    "post-handshake rejection",
  );
}

t.test("node:tls server requiring a certificate, client without one", async (t) => {
  const pki = labPki();
  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    const server = await startTlsServer({
      key: pki.server.keyPem,
      cert: pki.server.certPem,
      ca: [pki.caPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: version,
      maxVersion: version,
    });
    t.teardown(() => server.close());
    const result = await dialTls(dialOptions(server.port));
    t.equal(result.evidence.clientCertificate.requested, true, `${version}: the server asked`);
    t.equal(result.evidence.clientCertificate.sent, false, `${version}: we had nothing to send`);
    if (version === "TLSv1.2") {
      // docs/peers.md: "TLS 1.2, no client certificate: ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE (alert 40) during the handshake."
      t.notOk(result.ok);
      if (result.ok) continue;
      t.match(result.failure, { code: "tls-client-cert-rejected", phase: "handshake", alert: 40, alertName: "handshake_failure" });
      t.equal(result.evidence.clientCertificate.accepted, false);
      t.equal(result.evidence.version, "TLSv1.2", "the ServerHello's version is kept");
    } else {
      // docs/peers.md: "TLS 1.3 … secureConnect fires, then the first read fails with … alert 116."
      t.ok(result.ok, "TLS 1.3 completes on our side first");
      if (!result.ok) continue;
      const error = await firstError(result.socket);
      result.socket.destroy();
      t.match(classifyTlsFailure(error, "after-handshake"), {
        code: "tls-client-cert-rejected",
        alert: 116,
        alertName: "certificate_required",
        opensslCode: "TLSV13_ALERT_CERTIFICATE_REQUIRED",
        rawCode: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED",
        message: /requires a client certificate .* right after the handshake/,
      });
    }
  }
});

t.test("node:tls server and a client certificate from another CA (TLS 1.2): the server closes without an alert", async (t) => {
  const pki = labPki();
  const server = await startTlsServer({
    key: pki.server.keyPem,
    cert: pki.server.certPem,
    ca: [pki.caPem],
    requestCert: true,
    rejectUnauthorized: true,
    maxVersion: "TLSv1.2",
  });
  t.teardown(() => server.close());
  const result = await dialTls(dialOptions(server.port, { identity: pki.foreignClient }));
  t.notOk(result.ok);
  if (result.ok) return;
  t.match(result.failure, { code: "tls-client-cert-rejected", alert: null, rawCode: "ECONNRESET", message: /after asking for our certificate.*inferred from the close/ });
  t.match(result.evidence.clientCertificate, { requested: true, sent: true, accepted: false });
});

t.test("openssl s_server (strict, like Kamailio) and a client certificate from another CA: alert 48", { skip: !hasOpenSsl && "no openssl" }, async (t) => {
  const pki = labPki();
  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    const server = await startOpenSslServer(
      { "server.pem": pki.server.certPem, "server.key": pki.server.keyPem, "ca.pem": pki.caPem },
      () => ["-cert", "server.pem", "-key", "server.key", "-CAfile", "ca.pem", "-Verify", "1", "-verify_return_error", version === "TLSv1.2" ? "-tls1_2" : "-tls1_3"],
    );
    t.teardown(() => server.stop());
    const result = await dialTls(dialOptions(server.port, { identity: pki.foreignClient }));
    t.match(result.evidence.clientCertificate, { requested: true, sent: true }, version);
    const failure = result.ok ? classifyTlsFailure(await firstError(result.socket), "after-handshake") : result.failure;
    if (result.ok) result.socket.destroy();
    t.match(failure, { code: "tls-client-cert-rejected", alert: 48, alertName: "unknown_ca", opensslCode: "TLSV1_ALERT_UNKNOWN_CA" }, version);
    t.equal(failure.phase, version === "TLSv1.2" ? "handshake" : "after-handshake", `${version}: when the rejection shows`);
    await server.stop();
  }
});

t.test("version mismatch: the server refuses with alert 70, or we refuse the server's version", async (t) => {
  const pki = labPki();
  const modern = await startTlsServer({ key: pki.server.keyPem, cert: pki.server.certPem, minVersion: "TLSv1.3" });
  t.teardown(() => modern.close());
  const old = await dialTls(dialOptions(modern.port, { maxVersion: "TLSv1.2" }));
  t.match(old.ok ? null : old.failure, { code: "tls-protocol-version", alert: 70, alertName: "protocol_version" });

  // docs/peers.md: "TLS 1.1 offered: alert 70 (protocol version)."
  const offered11 = await dialTls(dialOptions(modern.port, { minVersion: "TLSv1.1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" }));
  t.match(offered11.ok ? null : offered11.failure, { code: "tls-protocol-version", alert: 70 });

  const legacy = await startTlsServer({
    key: pki.server.keyPem,
    cert: pki.server.certPem,
    minVersion: "TLSv1",
    maxVersion: "TLSv1.1",
    ciphers: "DEFAULT:@SECLEVEL=0",
  });
  t.teardown(() => legacy.close());
  const refused = await dialTls(dialOptions(legacy.port));
  t.match(refused.ok ? null : refused.failure, { code: "tls-protocol-version", alert: 70 }, "an OpenSSL 3 server reads supported_versions and refuses");

  // A server that ignores supported_versions and answers TLS 1.1: our side refuses, without an alert from the peer.
  const hello = Buffer.alloc(2 + 32 + 1 + 2 + 1);
  hello.writeUInt16BE(0x0302, 0);
  hello.writeUInt16BE(0xc013, 35);
  const record = Buffer.concat([Buffer.from([22, 3, 2, 0, 4 + hello.length, 2, 0, 0, hello.length]), hello]);
  const tls11 = await startTcpServer((socket) => socket.once("data", () => socket.write(record)));
  t.teardown(() => tls11.close());
  const ours = await dialTls(dialOptions(tls11.port));
  t.match(ours.ok ? null : ours.failure, { code: "tls-protocol-version", alert: null }, `our side refuses (${ours.ok ? "" : ours.failure.rawCode})`);
  t.equal(ours.evidence.version, "TLSv1.1", "the ServerHello's version is evidence");
});

t.test("scripted alerts before the ServerHello are real OpenSSL errors, classified by number", async (t) => {
  const expected: Array<[number, string]> = [
    [42, "tls-client-cert-rejected"],
    [43, "tls-client-cert-rejected"],
    [44, "tls-client-cert-rejected"],
    [45, "tls-client-cert-rejected"],
    [46, "tls-client-cert-rejected"],
    [48, "tls-client-cert-rejected"],
    [116, "tls-client-cert-rejected"],
    [70, "tls-protocol-version"],
    [47, "tls-handshake-failed"],
    [80, "tls-handshake-failed"],
    [112, "tls-handshake-failed"],
  ];
  for (const [alert, code] of expected) {
    const server = await startAlertServer(alert);
    const result = await dialTls(dialOptions(server.port));
    await server.close();
    t.notOk(result.ok);
    if (result.ok) continue;
    t.match(result.failure, { code, alert, phase: "handshake" }, `alert ${alert}: ${result.failure.rawCode}`);
    t.match(result.failure.rawCode, /^ERR_SSL_/);
  }
});

t.test("handshake_failure before any ServerHello is not about our certificate (no shared parameters)", async (t) => {
  const server = await startAlertServer(40);
  t.teardown(() => server.close());
  const result = await dialTls(dialOptions(server.port, { identity: labPki().client }));
  t.notOk(result.ok);
  if (result.ok) return;
  t.match(result.failure, { code: "tls-handshake-failed", alert: 40, message: /before asking for a client certificate/ });
  t.match(result.evidence.clientCertificate, { requested: false, sent: false, accepted: null });
});

t.test("refused, reset, silent and non-TLS peers", async (t) => {
  const refused = await dialTls(dialOptions(await closedPort()));
  t.match(refused.ok ? null : refused.failure, { code: "connection-refused", phase: "connect", rawCode: "ECONNREFUSED" });
  t.equal(refused.timings.tcpConnect, null);

  const resetter = await startTcpServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
  t.teardown(() => resetter.close());
  const reset = await dialTls(dialOptions(resetter.port));
  t.match(reset.ok ? null : reset.failure, { code: "connection-reset", phase: "handshake" });
  t.type(reset.timings.tcpConnect, "number");

  const silent = await startTcpServer(() => undefined);
  t.teardown(() => silent.close());
  const started = performance.now();
  const timeout = await dialTls(dialOptions(silent.port, { handshakeTimeoutMs: 150 }));
  t.match(timeout.ok ? null : timeout.failure, { code: "connection-timeout", phase: "handshake", rawCode: "EXUM_DIAL_TIMEOUT" });
  t.ok(performance.now() - started < 10_000, "bounded by our 150 ms timer (a silent server would hold it forever)");

  const sip = await startTcpServer((socket) => socket.once("data", () => socket.end("SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")));
  t.teardown(() => sip.close());
  const plain = await dialTls(dialOptions(sip.port));
  t.match(plain.ok ? null : plain.failure, { code: "tls-handshake-failed", message: /did not answer with TLS/ });

  const controller = new AbortController();
  const pending = dialTls(dialOptions(silent.port, { signal: controller.signal }));
  setTimeout(() => controller.abort(), 20);
  const aborted = await pending;
  t.match(aborted.ok ? null : aborted.failure, { code: "aborted" });
  const before = await dialTls(dialOptions(silent.port, { signal: AbortSignal.abort() }));
  t.match(before.ok ? null : before.failure, { code: "aborted", phase: "connect" });
});
