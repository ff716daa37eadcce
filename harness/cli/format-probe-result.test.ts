import t from "tap";
import type { CallProbeResult, Hop, ProbeResult } from "../model/probe-result.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import { probeCall } from "../sip/call-probe.js";
import { probeLab } from "../testing/probe-fixture.js";
import { formatProbeResult } from "./format-probe-result.js";

/**
 * The text of `exum options` / `exum call`, from a real call on the lab (media measured) and from variants of it that
 * change one fact each: every fact the text shows is said the way the evidence says it.
 */
const { voicemail } = await probeLab(t);
const call = await probeCall(voicemail("required").target, voicemail("required", { holdMs: 1200 }).options);

function withHop(result: CallProbeResult, change: (hop: Hop) => Hop): CallProbeResult {
  return { ...result, hops: result.hops.map(change) };
}

function withTls(result: CallProbeResult, change: (tls: TlsEvidence) => TlsEvidence): CallProbeResult {
  return withHop(result, (hop) => (hop.tls === null ? hop : { ...hop, tls: change(hop.tls) }));
}

t.test("a measured Secured call: verdict, negotiation, media, who ended it, every hop with its TLS facts", async (t) => {
  t.equal(call.outcome, "answered");
  const text = formatProbeResult(call);
  t.match(text, /^ANSWERED {2}CALL → 200 OK {2}\(\d+ ms\)\n/);
  t.match(text, /negotiated: signalling mtls, media SRTP AES_CM_128_HMAC_SHA1_80 \(tag \d\), profile RTP\/SAVP → Exchange mode Secured/);
  t.match(text, /\n {2}media: .*\n {4}[\d.]+:\d+ ⇄ [\d.]+:\d+, PCMU, [\d.]+ s; lost \d+, jitter [\d.]+ ms/);
  t.match(text, /call ended by: us\n/);
  t.match(text, /hop 1: INVITE sip:alice@cas01\.tukwila\.contoso\.com:\d+;transport=tls;opaque=app:voicemail via TLS [\d.]+:\d+ → 302 Moved Temporarily/);
  t.match(text, /timings: tcp [\d.]+ ms, tls [\d.]+ ms, first response [\d.]+ ms, final [\d.]+ ms/);
  t.match(text, /tls: TLSv1\.3 TLS_AES_\w+, SNI cas01\.tukwila\.contoso\.com/);
  t.match(text, /server trusted: yes; name matches: yes/);
  t.match(text, /client certificate: asked for yes; sent yes; accepted yes/);
  t.notMatch(text, /INSECURE/);
});

t.test("the variants: insecure, failed, RTP, no media, not measured, the peer ending it", async (t) => {
  const insecure = formatProbeResult({ ...call, insecure: true, warnings: ["--insecure: server certificates were not enforced"] });
  t.match(insecure, /^!!! INSECURE: --insecure was given/);
  t.match(insecure, /warning: --insecure: server certificates were not enforced\n$/);

  const failed = formatProbeResult({ ...call, outcome: "failed", status: null, reason: null, failure: { code: "no-response", message: "no final response within 8000 ms" }, negotiated: null, media: null, endedBy: null });
  t.match(failed, /^FAILED {2}CALL → no final response/);
  t.match(failed, /failure: no-response — no final response within 8000 ms/);
  t.notMatch(failed, /media: not measured/, "a failed call says nothing of media");

  const negotiated = call.negotiated;
  if (negotiated === null) throw new Error("the lab call negotiated nothing");
  const rtp = formatProbeResult({ ...call, negotiated: { ...negotiated, media: "rtp", suite: null, cryptoTag: null, profile: null, mode: null } });
  t.match(rtp, /media RTP \(not encrypted\), profile - → Exchange mode n\/a/);
  const none = formatProbeResult({ ...call, negotiated: { ...negotiated, media: null } });
  t.match(none, /media none,/);
  const unmeasured = formatProbeResult({ ...call, media: null });
  t.match(unmeasured, /\n {2}media: not measured\n/);
  const byPeer = formatProbeResult({ ...call, endedBy: "peer", endReason: "a BYE with Reason: Q.850;cause=16" });
  t.match(byPeer, /call ended by: peer \(a BYE with Reason: Q\.850;cause=16\)/);
});

t.test("hops: one hop has no label; a reused connection, a hop without a response, and TLS facts unknown or refused", async (t) => {
  const [first] = call.hops;
  if (first === undefined || first.tls === null) throw new Error("the lab call has no TLS hop");
  const single: ProbeResult = { ...call, kind: "options", outcome: "ok", hops: [first], negotiated: null, sdp: null };
  t.match(formatProbeResult(single), /\n {2}INVITE sip:/, "no 'hop 1:' for one hop");

  const reused = formatProbeResult(withHop(call, (hop) => ({ ...hop, connection: "reused", timings: { ...hop.timings, tcpConnectMs: null, tlsHandshakeMs: null } })));
  t.match(reused, /\(on the connection of the hop before\) → 302/);
  t.match(reused, /timings: first response/);

  const silent = formatProbeResult(withHop(call, (hop) => ({ ...hop, status: null, reason: null, failure: { code: "connection-refused", message: "refused" }, address: null, provisional: [100], signaling: null })));
  t.match(silent, /via TLS \?:\d+ → connection-refused \(after 100\)/);
  const noAnswer = formatProbeResult(withHop(call, (hop) => ({ ...hop, status: null, reason: null, failure: null, timings: { tcpConnectMs: null, tlsHandshakeMs: null, firstResponseMs: null, finalResponseMs: null } })));
  t.match(noAnswer, /→ no response\n/);
  t.notMatch(noAnswer, /timings:/, "no timings line when nothing was timed");

  const refused = formatProbeResult(
    withTls(call, (tls) => ({
      ...tls,
      version: null,
      peer: null,
      verification: { ...tls.verification, trusted: false, error: null, nameMatches: null },
      clientCertificate: { ...tls.clientCertificate, requested: null, sent: false, accepted: false },
      warnings: ["the wire showed requested=true"],
    })),
  );
  t.match(refused, /server trusted: NO \(unknown\); name matches: n\/a/);
  t.match(refused, /client certificate: asked for unknown; sent no; accepted NO/);
  t.match(refused, /tls warning: the wire showed requested=true/);
  t.notMatch(refused, /server certificate:/);
  const misnamed = formatProbeResult(withTls(call, (tls) => ({ ...tls, verification: { ...tls.verification, nameMatches: false }, clientCertificate: { ...tls.clientCertificate, requested: false, accepted: null } })));
  t.match(misnamed, /name matches: NO/);
  t.match(misnamed, /asked for no; sent yes; accepted unknown/);
});

t.test("the CertificateRequest's CA names: none, a few, more than twenty", async (t) => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `CN=Root ${i + 1}`);
  const empty = formatProbeResult(withTls(call, (tls) => ({ ...tls, clientCertificate: { ...tls.clientCertificate, acceptableCAs: [], issuerListed: null } })));
  t.match(empty, /CAs the server names in its CertificateRequest: none \(an empty list: any certificate may be sent\)/);
  const few = formatProbeResult(withTls(call, (tls) => ({ ...tls, clientCertificate: { ...tls.clientCertificate, acceptableCAs: names(2), issuerListed: false } })));
  t.match(few, /CertificateRequest: 2; our issuer among them: NO\n {6}CN=Root 1\n {6}CN=Root 2\n/);
  const unknown = formatProbeResult(withTls(call, (tls) => ({ ...tls, clientCertificate: { ...tls.clientCertificate, acceptableCAs: names(1), issuerListed: null } })));
  t.match(unknown, /our issuer among them: n\/a/);
  const many = formatProbeResult(withTls(call, (tls) => ({ ...tls, clientCertificate: { ...tls.clientCertificate, acceptableCAs: names(25), issuerListed: true } })));
  t.match(many, /CertificateRequest: 25; our issuer among them: yes/);
  t.match(many, /CN=Root 20\n {6}… and 5 more \(--json lists them all\)/);
  t.notMatch(many, /CN=Root 21\b/);
});
