import t, { type Test } from "tap";
import { startSipListener } from "../testing/sip-test-listener.js";
import { mailboxFqdn, poolOptions, probeLab, routerFqdn, routerStandIn, VOICEMAIL_PARAMS, type SeenRequest } from "../testing/probe-fixture.js";
import { probeCall } from "./call-probe.js";
import { parseSipTarget, viaNextHop } from "./sip-target.js";

const SIP_SECURED = { dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }] };

/** A fault on alice's worker (mbx01 `worker-tls`) for INVITEs only, from the start (topology-fault.ts). */
function workerFault(fault: Record<string, unknown>) {
  return { servers: [{ fqdn: mailboxFqdn, fault: { ...fault, listeners: ["worker-tls"], methods: ["INVITE"] } }] };
}

const short = (fqdn: string) => fqdn.split(".")[0];
const line = (s: SeenRequest) => `${short(s.server)} ${s.listener} ${s.method}`;

t.test("RequireEncryption into a Secured dial plan: both 302s followed, SRTP, Secured, ACK, BYE", async (t) => {
  const { lab, seen, voicemail, port } = await probeLab(t);
  const { target, options } = voicemail("required");
  // maddr in the Request-URI: each 302 Contact carries it rewritten to the next host (docs/protocol.md §1 step 2).
  const withMaddr = parseSipTarget(`${target.uri};maddr=${lab.server(routerFqdn).address}`);
  const result = await probeCall(withMaddr, options);
  t.match(result, {
    kind: "call",
    outcome: "answered",
    status: 200,
    failure: null,
    endedBy: "us",
    negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", cryptoTag: 1, profile: "RTP/SAVP", mode: "Secured" },
  });
  t.same(result.hops.map((h) => [h.method, h.status]), [["INVITE", 302], ["INVITE", 302], ["INVITE", 200]]);
  const contacts = result.trace.filter((e) => e.direction === "received" && e.firstLine.startsWith("SIP/2.0 302")).map((e) => /^Contact: (.*)$/m.exec(e.raw)?.[1] ?? "");
  // The lab spells the transport as the published Exchange 2010 SP1 capture does (`transport=Tcp`, docs/protocol.md §10).
  t.match(contacts, [/;transport=Tls;.*maddr=mbx01\.tukwila\.contoso\.com>$/, /;transport=Tls;.*maddr=mbx01\.tukwila\.contoso\.com>$/], "raw Contacts with transport=Tls and maddr");
  t.match(result.hops[2]?.target, `:${port(mailboxFqdn, "worker-tls")};transport=tls`, "the hop followed the raw Contact (transport=Tls, maddr)");
  t.equal(result.hops[2]?.address, lab.server(mailboxFqdn).address, "and connected to maddr's address");
  t.match(result.hops[2]?.tls, { verification: { trusted: true }, clientCertificate: { sent: true, accepted: true } });
  t.same(
    seen.map(line),
    ["cas01 sip-tls INVITE", "cas01 sip-tls ACK", "mbx01 um-tls INVITE", "mbx01 um-tls ACK", "mbx01 worker-tls INVITE", "mbx01 worker-tls ACK", "mbx01 worker-tls BYE"],
    "ACK to each 302 (by the transaction), ACK to the 200, BYE",
  );
  t.match(result.sdp?.offer, /m=audio \d+ RTP\/SAVP 0 101/);
  t.match(result.sdp?.answer, /a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
});

t.test("a call through two 302s is one request redirected (RFC 3261 §8.1.3.4): one Call-ID, From tag and To, CSeq + 1 per hop", async (t) => {
  const { voicemail } = await probeLab(t);
  const { target, options } = voicemail("required");
  const result = await probeCall(target, options);
  t.equal(result.outcome, "answered");
  const invites = result.trace.filter((entry) => entry.direction === "sent" && entry.firstLine.startsWith("INVITE"));
  t.equal(invites.length, 3, "Call Router, UM service, worker");
  const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, "im").exec(raw)?.[1]?.trim() ?? "";
  t.equal(new Set(invites.map((entry) => entry.callId)).size, 1, "one Call-ID");
  t.equal(new Set(invites.map((entry) => /;tag=([^;\s]+)/.exec(header(entry.raw, "From"))?.[1])).size, 1, "one From tag");
  t.equal(new Set(invites.map((entry) => header(entry.raw, "To"))).size, 1, "the original To on every hop");
  t.same(invites.map((entry) => Number(entry.cseq?.split(" ")[0])), [1, 2, 3].map((n) => n + Number(invites[0]?.cseq?.split(" ")[0]) - 1), "CSeq incremented per hop");
  t.not(invites[1]?.firstLine, invites[0]?.firstLine, "only the Request-URI changes");
  for (const invite of invites.slice(0, 2)) {
    const number = invite.cseq?.split(" ")[0];
    t.ok(result.trace.some((entry) => entry.direction === "sent" && entry.cseq === `${number} ACK`), `the 302 to CSeq ${number} was ACKed before its connection was released`);
  }
});

t.test("a next hop apart from the Request-URI: sip:alice@contoso.com sent as written to the Call Router, verified as it", async (t) => {
  const { seen, voicemail, routerPort } = await probeLab(t);
  const { options } = voicemail("required");
  const target = viaNextHop(`sip:alice@contoso.com${VOICEMAIL_PARAMS}`, { host: routerFqdn, port: routerPort });
  const result = await probeCall(target, options);
  t.match(result, { outcome: "answered", negotiated: { media: "srtp", mode: "Secured" } });
  t.equal(result.hops[0]?.target, `sip:alice@contoso.com${VOICEMAIL_PARAMS}`, "the Request-URI as given");
  t.equal(result.hops[0]?.tls?.verification.verifiedName, routerFqdn, "the certificate was verified against the next hop");
  t.equal(result.hops[0]?.port, routerPort);
  const invite = result.trace.find((entry) => entry.direction === "sent" && entry.firstLine.startsWith("INVITE"));
  t.equal(invite?.firstLine, `INVITE sip:alice@contoso.com${VOICEMAIL_PARAMS} SIP/2.0`, "on the wire");
  t.notMatch(invite?.raw ?? "", /^Route:/im, "no Route header");
  t.equal(seen[0]?.server, routerFqdn, "the Call Router received it");
});

t.test("SupportEncryption into a SIPSecured dial plan (worker refuses SRTP): RTP in clear, SIPSecured", async (t) => {
  const { voicemail } = await probeLab(t, { topology: SIP_SECURED });
  const { target, options } = voicemail("optional");
  const result = await probeCall(target, options);
  t.match(result, { outcome: "answered", negotiated: { media: "rtp", mode: "SIPSecured", profile: "RTP/AVP" } });
});

t.test("RequireEncryption into a SIPSecured dial plan: incompatible-security-setting from the 488", async (t) => {
  const { voicemail } = await probeLab(t, { topology: SIP_SECURED });
  const { target, options } = voicemail("required");
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" }, negotiated: null });
  t.match(result.hops[2]?.diagnostics[0], { header: "ms-diagnostics-public", reason: "Incompatible security setting" });
});

t.test("the same verdict when the reason text says something else: classification reads the SDP facts", async (t) => {
  const topology = { ...SIP_SECURED, behaviour: { worker: { incompatibleSecurity: { diagnosticsReason: "whatever" } } } };
  const { voicemail } = await probeLab(t, { topology });
  const { target, options } = voicemail("required");
  const result = await probeCall(target, options);
  t.match(result.hops[2]?.diagnostics[0], { reason: "whatever" });
  t.equal(result.failure?.code, "incompatible-security-setting");
});

t.test("DoNotSupportEncryption into a Secured dial plan (worker requires SRTP): srtp-required-by-peer", async (t) => {
  const { voicemail } = await probeLab(t);
  const { target, options } = voicemail("none");
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", failure: { code: "srtp-required-by-peer" } });
});

/**
 * No lab server ever redirects to where the call came from (Call Router → UM service → worker), so the loop is a tiny
 * mutual-TLS server of this test's own: cas01's lab certificate, a 302 to itself.
 */
async function loopingRouter(t: Test) {
  const listener = await routerStandIn(t, (request) => {
    if (request.message.method !== "INVITE") return;
    request.respond({ status: 302, reason: "Moved Temporarily", headers: [`Contact: <sip:alice@${routerFqdn}:${listener.port};transport=Tls;maddr=127.0.0.1>`] });
  });
  return listener;
}

t.test("a redirect back to where we came from → redirect-loop", async (t) => {
  const router = await loopingRouter(t);
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${router.port};transport=tls`), { ...(await poolOptions()), policy: "required" });
  t.match(result, { outcome: "failed", failure: { code: "redirect-loop" } });
  t.equal(result.hops.length, 1);
});

/**
 * A mutual-TLS "Call Router" of this test's own whose 302 points at a plain TCP listener, and that TCP listener, which
 * records every request that reaches it (RFC 4568 §8.3: the SDES keys of the INVITE must not go there).
 */
async function downgradingRouter(t: Test) {
  const arrived: string[] = [];
  const tcp = await startSipListener({
    address: "127.0.0.1",
    port: 0,
    protocol: "tcp",
    onRequest(request) {
      arrived.push(request.raw);
      if (request.message.method === "INVITE") request.respond({ status: 486, reason: "Busy Here" });
    },
  });
  t.teardown(() => tcp.close());
  const tls = await routerStandIn(t, (request) => {
    if (request.message.method !== "INVITE") return;
    request.respond({ status: 302, reason: "Moved Temporarily", headers: [`Contact: <sip:alice@127.0.0.1:${tcp.port};transport=tcp>`] });
  });
  return { tls, arrived };
}

t.test("a 302 from a TLS hop to TCP is refused: redirect-downgrade, and nothing (no SRTP key) is sent over TCP", async (t) => {
  const { tls, arrived } = await downgradingRouter(t);
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${tls.port};transport=tls`), { ...(await poolOptions()), policy: "required" });
  t.match(result, { outcome: "failed", failure: { code: "redirect-downgrade", message: /over TCP; not followed/ } });
  t.equal(result.hops.length, 1, "no second hop");
  t.same(arrived, [], "the TCP listener received nothing");
  t.notOk(result.trace.some((entry) => entry.transport === "TCP"), "the trace has no TCP message");
});

t.test("--allow-downgrade follows it, and the result says loudly that the keys went in clear text", async (t) => {
  const { tls, arrived } = await downgradingRouter(t);
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${tls.port};transport=tls`), { ...(await poolOptions()), policy: "required", allowDowngrade: true });
  t.equal(result.hops.length, 2);
  t.equal(result.hops[1]?.transport, "tcp");
  t.match(arrived[0], /^INVITE [\s\S]*a=crypto:/, "the INVITE over TCP carried its SDES keys: which is why this is opt-in");
  t.match(result.warnings, [/--allow-downgrade: .* over TCP; that INVITE and its SDP \(SRTP keys included\) crossed the network unencrypted/]);
});

t.test("a worker that sends 100 (and 180) and holds its answer past our bound: CANCEL, then no-response", async (t) => {
  const { lab, seen, voicemail } = await probeLab(t);
  lab.setCallTiming(mailboxFqdn, { answerAfterMs: 10_000 });
  const { target, options } = voicemail("required", { timeoutMs: 500 });
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", failure: { code: "no-response" } });
  t.same(result.hops[2]?.provisional, [100, 180]);
  t.ok(seen.some((s) => s.listener === "worker-tls" && s.method === "CANCEL"), "CANCEL was sent after the provisional");
  t.match(lab.calls.ended(mailboxFqdn), [{ endedBy: "cancel" }], "the worker ended the held call on the CANCEL");
});

t.test("a worker that never answers an INVITE at all: no-response, and no CANCEL without a provisional (RFC 3261 §9.1)", async (t) => {
  const { seen, voicemail } = await probeLab(t, { topology: workerFault({ kind: "black-hole" }) });
  const { target, options } = voicemail("required", { timeoutMs: 500 });
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", failure: { code: "no-response" } });
  t.same(result.hops.map((h) => h.status), [302, 302, null]);
  t.same(result.hops[2]?.provisional, []);
  t.notOk(seen.some((s) => s.method === "CANCEL"), "no CANCEL reached the worker");
  t.notOk(result.trace.some((e) => e.direction === "sent" && e.firstLine.startsWith("CANCEL")), "none was sent");
});

t.test("a worker that answers garbage → peer-garbage", async (t) => {
  const { voicemail } = await probeLab(t, { topology: workerFault({ kind: "garbage", text: "HELLO\r\nContent-Length: zz\r\n\r\n" }) });
  const { target, options } = voicemail("required");
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", failure: { code: "peer-garbage" } });
});

t.test("hold keeps the call up before BYE", async (t) => {
  const { seen, voicemail } = await probeLab(t);
  const { target, options } = voicemail("required", { holdMs: 300 });
  const started = Date.now();
  const result = await probeCall(target, options);
  t.equal(result.outcome, "answered");
  t.ok(Date.now() - started >= 300);
  t.equal(seen.at(-1)?.method, "BYE");
});

t.test("an aborted call (Ctrl-C) stops within the bound and says aborted", async (t) => {
  const { voicemail } = await probeLab(t, { topology: workerFault({ kind: "black-hole" }) });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const { target, options } = voicemail("required", { timeoutMs: 5000, signal: controller.signal });
  const result = await probeCall(target, options);
  t.match(result, { outcome: "failed", failure: { code: "aborted" } });
});

t.test("provisional responses are reported from the wire, 180 included", async (t) => {
  const { lab, voicemail } = await probeLab(t);
  lab.setCallTiming(mailboxFqdn, { answerAfterMs: 50 });
  const { target, options } = voicemail("required");
  const result = await probeCall(target, options);
  t.equal(result.outcome, "answered");
  t.same(result.hops[2]?.provisional, [100, 180]);
});

/**
 * A stand-in Call Router whose 302 sends alice's call to another user on itself (same host, port, transport and name),
 * as a Lync pool redirects within its own connection, and answers that user 486. It records the socket each request
 * arrived on.
 */
async function selfRedirectingRouter(t: Test) {
  const arrivals: Array<{ method: string; user: string | undefined; socket: object }> = [];
  const listener = await routerStandIn(t, (request) => {
    const user = request.message.ruri?.user;
    arrivals.push({ method: request.message.method, user, socket: request.socket });
    if (request.message.method !== "INVITE") return;
    if (user === "alice") request.respond({ status: 302, reason: "Moved Temporarily", headers: [`Contact: <sip:worker@${routerFqdn}:${listener.port};transport=Tls>`] });
    else request.respond({ status: 486, reason: "Busy Here" });
  });
  return { listener, arrivals };
}

t.test("a 302 to the same host, port, transport and name goes on the same TLS connection; the 302 and the 486 are ACKed", async (t) => {
  const { listener, arrivals } = await selfRedirectingRouter(t);
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${listener.port};transport=tls`), { ...(await poolOptions()), policy: "required" });
  t.match(result, { outcome: "failed", status: 486 });
  t.same(result.hops.map((hop) => [hop.status, hop.connection]), [[302, "new"], [486, "reused"]], "the second hop reused the connection");
  t.equal(result.hops[1]?.timings.tlsHandshakeMs, null, "no handshake on the reused hop");
  t.ok(result.hops[1]?.tls?.clientCertificate.accepted, "the reused hop carries the connection's TLS evidence");
  t.ok((result.hops[1]?.timings.firstResponseMs ?? -1) >= 0, "its first response is timed from its own INVITE");
  // The ACK left before the connection was released; the stand-in may read it a moment after the probe returned.
  for (let waited = 0; arrivals.length < 4 && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  t.same(arrivals.map((a) => `${a.method} ${a.user}`), ["INVITE alice", "ACK alice", "INVITE worker", "ACK worker"], "each non-2xx final ACKed");
  t.equal(new Set(arrivals.map((a) => a.socket)).size, 1, "one TLS connection for the whole call");
  const invites = result.trace.filter((entry) => entry.direction === "sent" && entry.firstLine.startsWith("INVITE"));
  t.equal(new Set(invites.map((entry) => entry.callId)).size, 1, "one Call-ID");
});

t.test("a 302 to another port of the same host gets a connection of its own", async (t) => {
  const other = await selfRedirectingRouter(t);
  const first = await routerStandIn(t, (request) => {
    if (request.message.method === "INVITE") request.respond({ status: 302, reason: "Moved Temporarily", headers: [`Contact: <sip:worker@${routerFqdn}:${other.listener.port};transport=Tls>`] });
  });
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${first.port};transport=tls`), { ...(await poolOptions()), policy: "required" });
  t.same(result.hops.map((hop) => [hop.status, hop.connection]), [[302, "new"], [486, "new"]]);
  t.ok(result.hops[1]?.timings.tlsHandshakeMs !== null, "a handshake of its own");
});

t.test("an answered call on a connection kept from its 302: ACK and BYE go on it, and the call is answered", async (t) => {
  const arrivals: Array<{ method: string; socket: object }> = [];
  const listener = await routerStandIn(t, (request) => {
    const { method } = request.message;
    arrivals.push({ method, socket: request.socket });
    if (method === "INVITE" && request.message.ruri?.user === "alice") {
      request.respond({ status: 302, reason: "Moved Temporarily", headers: [`Contact: <sip:worker@${routerFqdn}:${listener.port};transport=Tls>`] });
    } else if (method === "INVITE") {
      const body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
      request.respond({ status: 200, reason: "OK", headers: [`Contact: <sip:worker@127.0.0.1:${listener.port};transport=tls>`], body, contentType: "application/sdp" });
    } else if (method === "BYE") {
      request.respond({ status: 200, reason: "OK" });
    }
  });
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${listener.port};transport=tls`), { ...(await poolOptions()), policy: "none" });
  t.match(result, { outcome: "answered", status: 200, endedBy: "us", negotiated: { media: "rtp" } });
  t.same(result.hops.map((hop) => hop.connection), ["new", "reused"]);
  t.same(arrivals.map((a) => a.method), ["INVITE", "ACK", "INVITE", "ACK", "BYE"]);
  t.equal(new Set(arrivals.map((a) => a.socket)).size, 1, "one connection");
});
