/**
 * Interop: exum's client against SIP stacks we did not write (docs/peers.md), on 127.0.0.1 only.
 * Kamailio is the strict mutual-TLS "Call Router" (verifies and requires client certificates, answers
 * OPTIONS, redirects INVITE with 302); baresip is the answering UA (SDES-SRTP mandatory or off) that never asks
 * for a client certificate. Run with `npm run test:interop`.
 */
import t, { type Test } from "tap";
import { startBaresip, type BaresipPeer } from "../testing/baresip.js";
import { freePortRange } from "../testing/free-port.js";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { startKamailio, type KamailioPeer } from "../testing/kamailio.js";
import { tempDir } from "../testing/temp-dir.js";
import { makeTestPki, type TestPki } from "../testing/test-pki.js";
import type { KamailioTlsMethod } from "../testing/kamailio-config.js";
import { probeCall } from "./call-probe.js";
import { probeOptions } from "./options-probe.js";
import type { ProbeOptions } from "./probe-options.js";
import { createResolver } from "./resolve-map.js";
import { parseSipTarget } from "./sip-target.js";

const ROUTER = "cas01.tukwila.contoso.com";
const WORKER = "mbx01.tukwila.contoso.com";
const POOL = "pool01.contoso.com";

let pki: Promise<TestPki> | undefined;
function sharedPki(): Promise<TestPki> {
  pki ??= tempDir(t, "exum-pki-").then((dir) =>
    makeTestPki({ dir, serverFqdns: [ROUTER, WORKER, "elsewhere.contoso.com"], clientNames: [POOL] }),
  );
  return pki;
}

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

async function kamailio(t: Test, options: { tlsMethod?: KamailioTlsMethod; certFor?: string; redirectTo?: string } = {}) {
  const [certs, dir, port] = await Promise.all([sharedPki(), tempDir(t, "exum-kamailio-"), freePortRange(1, { protocols: ["tcp"] })]);
  const server = certs.servers[options.certFor ?? ROUTER];
  if (server === undefined) throw new Error("missing test certificate");
  const peer: KamailioPeer = await startKamailio({
    dir,
    tlsPort: port,
    certPem: server.chainPem,
    keyPem: server.keyPem,
    caPem: certs.ca.certPem,
    requireClientCert: true,
    verifyClientCert: true,
    tlsMethod: options.tlsMethod ?? "TLSv1.2+",
    inviteRedirectTo: options.redirectTo,
  });
  t.teardown(() => peer.stop());
  return { certs, peer };
}

async function baresip(t: Test, mediaenc: "srtp-mand" | null) {
  const [certs, dir, ports] = await Promise.all([sharedPki(), tempDir(t, "exum-baresip-"), freePortRange(2, { protocols: ["tcp", "udp"] })]);
  const worker = certs.servers[WORKER];
  if (worker === undefined) throw new Error("missing test certificate");
  const peer: BaresipPeer = await startBaresip({
    dir,
    sipPort: ports,
    certPem: worker.chainPem,
    keyPem: worker.keyPem,
    caPem: certs.ca.certPem,
    mediaenc,
    rtpPorts: { first: 30000 + (ports % 20000), last: 30000 + (ports % 20000) + 20 },
  });
  t.teardown(() => peer.stop());
  return { certs, peer };
}

function asPool(certs: TestPki, overrides: Partial<ProbeOptions> = {}): ProbeOptions {
  const pool = certs.clients[POOL];
  if (pool === undefined) throw new Error("missing pool certificate");
  return {
    identity: { certPem: pool.chainPem, keyPem: pool.keyPem, label: POOL },
    caPem: [certs.ca.certPem],
    resolver: createResolver({
      entries: [ROUTER, WORKER, "elsewhere.contoso.com"].map((host) => ({ host, port: null, address: "127.0.0.1" })),
    }),
    fromDomain: POOL,
    timeoutMs: 5000,
    ...overrides,
  };
}

interopTest("Kamailio (TLS 1.2+, client certificate required): OPTIONS 200 with our certificate, mtls", ["kamailio"], async (t) => {
  const { certs, peer } = await kamailio(t);
  const result = await probeOptions(parseSipTarget(`${ROUTER}:${peer.port}`), asPool(certs));
  if (!t.match(result, { outcome: "ok", status: 200, failure: null })) t.comment(peer.logs().slice(-2000));
  t.equal(result.hops[0]?.signaling, "mtls");
  t.match(result.tls, { version: "TLSv1.3", clientCertificate: { requested: true, sent: true, accepted: true } });
  // Kamailio's own view of us, from its reply headers (docs/peers.md config).
  t.match(result.hops[0]?.headers["x-peer-cn"], [`${POOL}; verified=1`]);
  t.match(result.hops[0]?.headers["x-peer-tls"], [/^TLSv1\.3; /]);
});

for (const [version, method] of [["TLSv1.3", "TLSv1.3"], ["TLSv1.2", "TLSv1.2"]] as const) {
  interopTest(`Kamailio over ${version}: no client certificate → tls-client-cert-rejected`, ["kamailio"], async (t) => {
    const { certs, peer } = await kamailio(t, { tlsMethod: method });
    const result = await probeOptions(parseSipTarget(`${ROUTER}:${peer.port}`), asPool(certs, { identity: undefined, minTlsVersion: version, maxTlsVersion: version }));
    t.match(result, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
    t.match(result.tls?.clientCertificate, { sent: false, accepted: false });
  });

  interopTest(`Kamailio over ${version}: a client certificate from another CA → tls-client-cert-rejected`, ["kamailio"], async (t) => {
    const { certs, peer } = await kamailio(t, { tlsMethod: method });
    const identity = { certPem: certs.otherCaClient.chainPem, keyPem: certs.otherCaClient.keyPem };
    const result = await probeOptions(parseSipTarget(`${ROUTER}:${peer.port}`), asPool(certs, { identity, minTlsVersion: version, maxTlsVersion: version }));
    t.match(result, { outcome: "failed", failure: { code: "tls-client-cert-rejected" } });
    t.match(result.tls, { version, clientCertificate: { sent: true, accepted: false } });
  });
}

interopTest("Kamailio with a certificate for another host → tls-name-mismatch, nothing sent", ["kamailio"], async (t) => {
  const { certs, peer } = await kamailio(t, { certFor: "elsewhere.contoso.com" });
  const result = await probeOptions(parseSipTarget(`${ROUTER}:${peer.port}`), asPool(certs));
  t.match(result, { outcome: "failed", failure: { code: "tls-name-mismatch" } });
  t.match(result.tls?.verification, { trusted: true, nameMatches: false });
  t.same(result.trace, [], "no SIP was sent to a server that failed verification");
});

interopTest("Kamailio 302 → baresip (SRTP mandatory): the client follows over TLS, negotiates SRTP and keeps a 15 s call up with media both ways", ["kamailio", "baresip"], async (t) => {
  const answering = await baresip(t, "srtp-mand");
  const { certs, peer } = await kamailio(t, { redirectTo: `sip:um@${WORKER}:${answering.peer.tlsPort};transport=tls` });
  const from = answering.peer.logOffset();
  const result = await probeCall(parseSipTarget(`sip:um@${ROUTER}:${peer.port}`), { ...asPool(certs), policy: "required", holdMs: 15_000, timeoutMs: 20_000, srtpMki: false });
  const answered = t.match(result, {
    outcome: "answered",
    endedBy: "us",
    status: 200,
    failure: null,
    negotiated: { media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", profile: "RTP/SAVP" },
  });
  if (!answered) t.comment(answering.peer.logs().slice(-3000));
  t.comment(`baresip answered: ${result.sdp?.answer?.match(/^a=crypto:.*$/m)?.[0] ?? "no a=crypto"}`);
  t.same(result.hops.map((h) => h.status), [302, 200]);
  t.equal(result.hops[0]?.signaling, "mtls", "Kamailio authenticated us");
  // baresip never asks for a client certificate: a peer that does not authenticate us is itself a finding.
  t.equal(result.hops[1]?.signaling, "tls");
  t.equal(result.negotiated?.signaling, "tls");
  t.match(result.hops[1]?.tls?.clientCertificate, { requested: false, sent: false });
  const call = await answering.peer.waitForCallEstablished(5000, from);
  t.equal(call.srtpSuite, "AES_CM_128_HMAC_SHA1_80", "baresip's own log agrees on the suite");
  // baresip drops a call after 10 s without RTP ("no audio RTP packets received"): a call held 15 s and ended by our
  // BYE shows that our SRTP reached it and decrypted.
  const media = result.media;
  t.match(media, { protection: "srtp", verdict: "two-way", failure: null });
  t.ok((media?.sent.packets ?? 0) >= 600, `we sent ${media?.sent.packets} packets in 15 s`);
  t.ok((media?.received.packets ?? 0) >= 600, `baresip sent ${media?.received.packets} packets`);
  t.equal(media?.received.authenticated, media?.received.packets, "every packet baresip sent authenticated with the key of its answer");
  const log = answering.peer.logs().slice(from);
  t.notMatch(log, /srtp.*(fail|error)|unprotect|auth(entication)? fail|no audio RTP packets received/i, "baresip's log shows no SRTP error and no RTP timeout");
});

interopTest("baresip accepts our MKI line and ignores the MKI: exum names it one-way media, baresip's own log agrees", ["baresip"], async (t) => {
  const { certs, peer } = await baresip(t, "srtp-mand");
  const from = peer.logOffset();
  const result = await probeCall(parseSipTarget(`sip:um@${WORKER}:${peer.tlsPort}`), { ...asPool(certs), policy: "required", holdMs: 11_000, timeoutMs: 15_000 });
  // baresip reports every 5 s (RFC 3550 §6.2): an 11 s call carries two reports, which name none of our packets.
  t.match(result.sdp?.answer, /^a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}\r?$/m, "baresip accepts tag 1 (our line with |2^31|1:1) and answers without an MKI");
  t.match(result, { outcome: "failed", failure: { code: "one-way-media", message: /MKI 1/ }, media: { verdict: "one-way-in", mki: { sent: { value: 1, length: 1 }, received: null } } });
  t.equal(result.media?.received.authenticated, result.media?.received.packets, "baresip's own packets (no MKI) authenticate");
  t.match(peer.logs().slice(from), /srtp: failed to decrypt RTP packet with 183 bytes/, "baresip fails on each of our 12 + 160 + 1 (MKI) + 10 byte packets");
});

interopTest("baresip without SRTP: SupportEncryption → RTP; RequireEncryption → incompatible-security-setting", ["baresip"], async (t) => {
  const { certs, peer } = await baresip(t, null);
  const target = parseSipTarget(`sip:um@${WORKER}:${peer.tlsPort}`);
  const support = await probeCall(target, { ...asPool(certs), policy: "optional", holdMs: 3000 });
  if (!t.match(support, { outcome: "answered", negotiated: { signaling: "tls", media: "rtp", suite: null }, media: { protection: "rtp", verdict: "two-way", failure: null } })) {
    t.comment(peer.logs().slice(-3000));
  }
  const require = await probeCall(target, { ...asPool(certs), policy: "required" });
  if (!t.match(require, { outcome: "failed", failure: { code: "incompatible-security-setting" } })) t.comment(peer.logs().slice(-3000));
});
