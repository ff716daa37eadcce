/**
 * Smoke tests of the peer runners against the real Debian peers of docs/peers.md, on 127.0.0.1 only:
 * Kamailio as the strict mutual-TLS Call Router (driven by openssl s_client, sipsak and SIPp), and baresip as
 * the SRTP-mandatory answering peer (driven by openssl s_client and SIPp). Run with `npm run test:interop`.
 */
import t from "tap";
import { BaresipLog } from "./baresip-log.js";
import { startBaresip } from "./baresip.js";
import { freePortRange } from "./free-port.js";
import { interopEnabled, interopTest } from "./interop-test.js";
import { startKamailio } from "./kamailio.js";
import { sipExchangeOverOpenssl, sipOptionsRequest } from "./openssl-sip-exchange.js";
import { headerValue } from "./sip-status.js";
import { runSipp } from "./sipp.js";
import { SIPP_SDP_RTP, sippInviteScenario, sippOptionsScenario } from "./sipp-scenario.js";
import { runSipsakOptions } from "./sipsak.js";
import { tempDir } from "./temp-dir.js";
import { makeTestPki, type TestPki } from "./test-pki.js";

const SERVER = "router.lab.test";
const CLIENT = "um.lab.test";

let pki: Promise<TestPki> | undefined;
/** One throwaway PKI for the whole file, made on first use (never when the interop tests are skipped). */
function sharedPki(): Promise<TestPki> {
  pki ??= tempDir(t, "exum-pki-").then((dir) => makeTestPki({ dir, serverFqdns: [SERVER], clientNames: [CLIENT] }));
  return pki;
}

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

interopTest("Kamailio requiring client certificates (TLS 1.2+, TCP answered too)", ["kamailio", "openssl", "sipsak", "sipp"], async (t) => {
  const [certs, dir, tlsPort] = await Promise.all([sharedPki(), tempDir(t, "exum-kamailio-"), freePortRange(2, { protocols: ["tcp"] })]);
  const server = certs.servers[SERVER];
  const client = certs.clients[CLIENT];
  if (server === undefined || client === undefined) throw new Error("test PKI lacks the server or client certificate");
  const kamailio = await startKamailio({
    dir,
    tlsPort,
    tcpPort: tlsPort + 1,
    certPem: server.certPem,
    keyPem: server.keyPem,
    caPem: certs.ca.certPem,
    requireClientCert: true,
    verifyClientCert: true,
    acceptTcp: true,
    inviteRedirectTo: "sip:$rU@127.0.0.1:5999;transport=tls",
  });
  t.teardown(() => kamailio.stop());
  const exchange = (options: { cert?: typeof client; tlsVersion?: "1.2" | "1.3" }) =>
    sipExchangeOverOpenssl({
      cwd: dir,
      port: kamailio.port,
      caPath: certs.ca.certPath,
      ...(options.cert === undefined ? {} : { certPath: options.cert.certPath, keyPath: options.cert.keyPath }),
      ...(options.tlsVersion === undefined ? {} : { tlsVersion: options.tlsVersion }),
    });

  await t.test("OPTIONS with our certificate over TLS 1.3: 200, X-Peer-CN names us, verified", async (t) => {
    const result = await exchange({ cert: client });
    t.equal(result.reply?.status, 200, "200 OK", { output: result.output });
    t.equal(result.protocol, "TLSv1.3");
    t.match(headerValue(result.reply, "X-Peer-CN"), `${CLIENT}; verified=1`);
    t.match(headerValue(result.reply, "X-Peer-TLS"), /^TLSv1\.3; TLS_/);
  });

  await t.test("OPTIONS with our certificate over TLS 1.2: 200, X-Peer-TLS says TLSv1.2", async (t) => {
    const result = await exchange({ cert: client, tlsVersion: "1.2" });
    t.equal(result.reply?.status, 200, "200 OK", { output: result.output });
    t.match(headerValue(result.reply, "X-Peer-TLS"), /^TLSv1\.2; /);
  });

  await t.test("no client certificate over TLS 1.3: handshake completes, then alert 116 and no answer", async (t) => {
    const result = await exchange({});
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.protocol, "TLSv1.3", "the client's side of the handshake completed");
    t.equal(result.alert, 116, "certificate required");
  });

  await t.test("no client certificate over TLS 1.2: alert 40 during the handshake", async (t) => {
    const result = await exchange({ tlsVersion: "1.2" });
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.protocol, undefined, "the handshake never completed");
    t.equal(result.alert, 40, "handshake failure");
  });

  await t.test("client certificate from another CA: alert 48 (unknown CA), no answer", async (t) => {
    const result = await exchange({ cert: certs.otherCaClient });
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.alert, 48, "unknown CA");
  });

  await t.test("sipsak OPTIONS over TCP: 200 (no TLS evidence)", async (t) => {
    const result = await runSipsakOptions({ cwd: dir, port: tlsPort + 1, transport: "tcp" });
    t.equal(result.code, 0, "sipsak exit code 0", { output: result.output });
    t.equal(result.reply?.status, 200);
    t.equal(headerValue(result.reply, "X-Peer-TLS"), "<null>; <null>");
  });

  await t.test("SIPp OPTIONS over TCP: one successful call", async (t) => {
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port: tlsPort + 1,
      scenarioXml: sippOptionsScenario({ expectHeader: { name: "Server", matches: "kamailio" } }),
    });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    t.match(result.messages, /SIP\/2\.0 200 OK/);
  });

  await t.test("SIPp INVITE over TCP: 302 with the configured Contact, ACKed", async (t) => {
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port: tlsPort + 1,
      service: "um",
      scenarioXml: sippInviteScenario({ expectStatus: 302 }),
    });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    t.match(result.messages, /SIP\/2\.0 302 Moved Temporarily/);
    t.match(result.messages, /Contact: <sip:um@127\.0\.0\.1:5999;transport=tls>/);
  });

  t.notMatch(kamailio.logs(), /CRITICAL: <core> \[core\/pass_fd|segfault|SIGSEGV/, "Kamailio did not crash");
});

interopTest("Kamailio TLS 1.3 only, certificate asked for but optional, TCP refused", ["kamailio", "openssl", "sipp"], async (t) => {
  const [certs, dir, tlsPort] = await Promise.all([sharedPki(), tempDir(t, "exum-kamailio13-"), freePortRange(2, { protocols: ["tcp"] })]);
  const server = certs.servers[SERVER];
  if (server === undefined) throw new Error("test PKI lacks the server certificate");
  const kamailio = await startKamailio({
    dir,
    tlsPort,
    tcpPort: tlsPort + 1,
    certPem: server.certPem,
    keyPem: server.keyPem,
    caPem: certs.ca.certPem,
    requireClientCert: false,
    verifyClientCert: true,
    tlsMethod: "TLSv1.3",
  });
  t.teardown(() => kamailio.stop());

  await t.test("TLS 1.2 offered: alert 70 (protocol version)", async (t) => {
    const result = await sipExchangeOverOpenssl({ cwd: dir, port: tlsPort, caPath: certs.ca.certPath, tlsVersion: "1.2" });
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.alert, 70);
  });

  await t.test("TLS 1.3 without a certificate: 200, X-Peer-CN empty", async (t) => {
    const result = await sipExchangeOverOpenssl({ cwd: dir, port: tlsPort, caPath: certs.ca.certPath });
    t.equal(result.reply?.status, 200, "200 OK", { output: result.output });
    t.equal(result.protocol, "TLSv1.3");
    t.match(headerValue(result.reply, "X-Peer-CN"), /^<null>; verified=/);
  });

  await t.test("SIPp OPTIONS over TCP: 403 TLS required", async (t) => {
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port: tlsPort + 1,
      scenarioXml: sippOptionsScenario({ expectStatus: 403 }),
    });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    t.match(result.messages, /SIP\/2\.0 403 TLS required/);
  });
});

interopTest("baresip answering with mandatory SRTP", ["baresip", "openssl", "sipp"], async (t) => {
  const [certs, dir, sipPort, rtpFirst] = await Promise.all([
    sharedPki(),
    tempDir(t, "exum-baresip-"),
    freePortRange(2),
    freePortRange(20, { protocols: ["udp"] }),
  ]);
  const server = certs.servers[SERVER];
  if (server === undefined) throw new Error("test PKI lacks the server certificate");
  const baresip = await startBaresip({
    dir,
    sipPort,
    certPem: server.certPem,
    keyPem: server.keyPem,
    caPem: certs.ca.certPem,
    mediaenc: "srtp-mand",
    rtpPorts: { first: rtpFirst, last: rtpFirst + 19 },
  });
  t.teardown(() => baresip.stop());
  t.equal(baresip.tlsPort, sipPort + 1);
  t.equal(baresip.uri, `sip:um@127.0.0.1:${sipPort + 1};transport=tls`);

  await t.test("its TLS port accepts us without a client certificate and answers OPTIONS", async (t) => {
    const result = await sipExchangeOverOpenssl({
      cwd: dir,
      port: baresip.tlsPort,
      caPath: certs.ca.certPath,
      request: sipOptionsRequest({ port: baresip.tlsPort, transport: "TLS", toUser: "um" }),
    });
    t.equal(result.reply?.status, 200, "200 OK", { output: result.output });
    t.equal(result.alert, undefined);
  });

  await t.test("SIPp INVITE over TCP with SDES-SRTP: answered, SRTP negotiated", async (t) => {
    const from = baresip.logOffset();
    const result = await runSipp({ dir: await tempDir(t, "exum-sipp-"), port: baresip.tcpPort, service: "um", scenarioXml: sippInviteScenario() });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    t.match(result.messages, /m=audio \d+ RTP\/SAVP 0[^]*a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
    const call = await baresip.waitForCallEstablished(5000, from);
    t.equal(call.srtpSuite, "AES_CM_128_HMAC_SHA1_80");
    t.match(call.remote, /^sip:exum@127\.0\.0\.1:\d+$/);
    await baresip.waitForLog(BaresipLog.terminated, 5000, from);
  });

  await t.test("SIPp INVITE over TCP with plain RTP: 488, no common codecs", async (t) => {
    const from = baresip.logOffset();
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port: baresip.tcpPort,
      service: "um",
      scenarioXml: sippInviteScenario({ sdp: SIPP_SDP_RTP, expectStatus: 488 }),
    });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    await baresip.waitForLog(BaresipLog.noCommonCodecs, 5000, from);
  });
});
