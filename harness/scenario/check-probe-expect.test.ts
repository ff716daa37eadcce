import t from "tap";
import type { TargetRole } from "../model/target-role.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import type { Hop } from "../model/probe-result.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import { checkProbeExpect } from "./check-probe-expect.js";
import type { ExpectedRefs, ResolvedRef } from "./plan.js";

const MBX01 = "mbx01.tukwila.contoso.com";
const CAS01 = "cas01.tukwila.contoso.com";

function tls(over: Partial<TlsEvidence> = {}): TlsEvidence {
  return {
    transport: "tls",
    tcp: { localAddress: "127.0.0.1", localPort: 40000, remoteAddress: "127.1.2.11", remotePort: 5066 },
    version: "TLSv1.3",
    cipher: { name: "TLS_AES_256_GCM_SHA384", standardName: "TLS_AES_256_GCM_SHA384", version: "TLSv1.3" },
    sni: MBX01,
    alpn: null,
    peer: null,
    peerChain: [],
    verification: { trusted: true, error: null, nameMatches: true, verifiedName: MBX01, insecure: false },
    clientCertificate: { sent: true, requested: true, requestedBasis: "read from the wire", accepted: true, subject: "CN=pool01.contoso.com" },
    warnings: [],
    ...over,
  };
}

function hop(status: number | null, role: TargetRole | null, server: string, port: number, over: Partial<Hop> = {}): Hop {
  return {
    method: "INVITE",
    target: `sip:alice@${server}:${port};transport=tls`,
    address: "127.1.2.11",
    port,
    transport: "tls",
    status,
    reason: null,
    provisional: [],
    headers: {},
    diagnostics: [],
    signaling: "mtls",
    tls: tls(),
    timings: { tcpConnectMs: 0.4, tlsHandshakeMs: 5, firstResponseMs: 2, finalResponseMs: 3 },
    failure: null,
    role,
    server,
    ...over,
  };
}

/** A voice-mail call through Call Router → UM service → worker (docs/protocol.md §1). */
function answeredCall(over: Partial<ProbeEvidence> = {}): ProbeEvidence {
  return {
    kind: "call",
    outcome: "answered",
    status: 200,
    reason: "OK",
    failure: null,
    tls: tls(),
    hops: [hop(302, "callRouter", CAS01, 5061), hop(302, "umService", MBX01, 5063), hop(200, "worker", MBX01, 5066)],
    negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", cryptoTag: 1, profile: "RTP/SAVP", mode: "Secured" },
    sdp: null,
    insecure: false,
    warnings: [],
    trace: [],
    startedAt: "2024-05-01T10:00:00.000Z",
    durationMs: 25,
    ...over,
  };
}

const ref = (text: string, role: string | null, fqdn: string | null = null): ResolvedRef => ({ ref: text, role: role as ResolvedRef["role"], fqdn });
const refs = (over: Partial<ExpectedRefs> = {}): ExpectedRefs => ({ redirects: null, servedBy: null, tried: null, ...over });

t.test("every field written is checked against the evidence, with its path", async (t) => {
  const results = checkProbeExpect(
    "steps[2].expect",
    { outcome: "answered", negotiated: { media: "srtp", mode: "Secured" }, tls: { mutual: true, trusted: true }, redirects: ["callRouter", "umService"], servedBy: "worker" },
    refs({ redirects: [ref("callRouter", "callRouter"), ref("umService", "umService")], servedBy: ref("worker", "worker") }),
    answeredCall(),
  );
  t.same(
    results.map((r) => [r.path, r.met]),
    [
      ["steps[2].expect.outcome", true],
      ["steps[2].expect.negotiated.media", true],
      ["steps[2].expect.negotiated.mode", true],
      ["steps[2].expect.tls.mutual", true],
      ["steps[2].expect.tls.trusted", true],
      ["steps[2].expect.redirects", true],
      ["steps[2].expect.servedBy", true],
    ],
  );
  t.same(results.find((r) => r.path.endsWith("redirects"))?.seen, [`callRouter:${CAS01}`, `umService:${MBX01}`], "the chain is shown by role and server");
});

t.test("an unmet expectation says expected vs seen", async (t) => {
  const [media] = checkProbeExpect("steps[0].expect", { negotiated: { media: "rtp" } }, refs(), answeredCall());
  t.match(media, { path: "steps[0].expect.negotiated.media", expected: "rtp", seen: "srtp", met: false, message: "expected negotiated.media rtp, saw srtp" });
  const failed = answeredCall({ outcome: "failed", status: null, negotiated: null, failure: { code: "tls-untrusted-server", message: "…" } });
  const [negotiated] = checkProbeExpect("steps[0].expect", { negotiated: { mode: "Secured" } }, refs(), failed);
  t.match(negotiated, { seen: null, met: false, message: "expected negotiated.mode Secured, saw nothing" }, "nothing negotiated on a failed call");
});

t.test("redirects and servedBy by role, by server, or both; a wrong server does not match", async (t) => {
  const evidence = answeredCall();
  const check = (servedBy: ResolvedRef) => checkProbeExpect("e", { servedBy: servedBy.ref }, refs({ servedBy }), evidence)[0]?.met;
  t.equal(check(ref("worker:mbx01", "worker", MBX01)), true);
  t.equal(check(ref("worker:mbx03", "worker", "mbx03.dublin.contoso.com")), false);
  t.equal(check(ref("mbx01", null, MBX01)), true, "a server alone");
  t.equal(check(ref("umService", "umService")), false, "the UM service redirected; the worker served");
  const shorter = checkProbeExpect("e", { redirects: ["callRouter"] }, refs({ redirects: [ref("callRouter", "callRouter")] }), evidence)[0];
  t.equal(shorter?.met, false, "the whole chain must match, in order");
  const none = checkProbeExpect("e", { redirects: [] }, refs({ redirects: [] }), answeredCall({ hops: [hop(403, "callRouter", CAS01, 5061)] }))[0];
  t.equal(none?.met, true, "[] when the first hop answered without redirecting");
});

t.test("servedBy is the hop that sent the final response: none when the last hop got no answer", async (t) => {
  const refused = answeredCall({ outcome: "failed", status: null, hops: [hop(302, "callRouter", CAS01, 5061), hop(null, "umService", MBX01, 5063, { failure: { code: "connection-refused", message: "…" } })] });
  const [served] = checkProbeExpect("e", { servedBy: "umService" }, refs({ servedBy: ref("umService", "umService") }), refused);
  t.match(served, { seen: null, met: false });
});

t.test("TLS facts: mutual only when our certificate was sent and accepted (docs/protocol.md §5)", async (t) => {
  const rejected = answeredCall({ tls: tls({ clientCertificate: { sent: true, requested: true, requestedBasis: "", accepted: false, subject: null } }) });
  t.match(checkProbeExpect("e", { tls: { mutual: true } }, refs(), rejected)[0], { seen: false, met: false });
  const tcp = answeredCall({ tls: { ...tls(), transport: "tcp", version: null, cipher: null } });
  t.match(checkProbeExpect("e", { tls: { mutual: false, trusted: true } }, refs(), tcp), [{ seen: false, met: true }, { seen: null, met: false }]);
});

t.test("diagnostics: the reason compares without case, spaces or punctuation; header chosen when asked", async (t) => {
  const diagnostics = [
    { header: "ms-diagnostics" as const, code: 15000, reason: "something else", source: null, appName: null, component: null, raw: "" },
    { header: "ms-diagnostics-public" as const, code: 0, reason: "Incompatible security setting", source: MBX01, appName: null, component: null, raw: "" },
  ];
  const rejected = answeredCall({ outcome: "failed", status: 488, hops: [hop(488, "worker", MBX01, 5066, { diagnostics })] });
  const results = checkProbeExpect("e", { diagnostics: { reason: "IncompatibleSecuritySetting", header: "ms-diagnostics-public", code: 0 } }, refs(), rejected);
  t.same(results.map((r) => [r.path, r.met]), [["e.diagnostics.header", true], ["e.diagnostics.reason", true], ["e.diagnostics.code", true]]);
  const first = checkProbeExpect("e", { diagnostics: { code: 0 } }, refs(), rejected)[0];
  t.match(first, { seen: 15000, met: false }, "without header, the first header is read");
});

t.test("timing thresholds: at most, and a phase that did not happen is not met", async (t) => {
  const results = checkProbeExpect("e", { maxMs: { handshake: 10, finalResponse: 1, total: 100 } }, refs(), answeredCall());
  t.same(results.map((r) => [r.path, r.seen, r.met]), [["e.maxMs.handshake", 5, true], ["e.maxMs.finalResponse", 3, false], ["e.maxMs.total", 25, true]]);
  const refused = answeredCall({ hops: [hop(null, "callRouter", CAS01, 5061, { timings: { tcpConnectMs: null, tlsHandshakeMs: null, firstResponseMs: null, finalResponseMs: null } })] });
  t.match(checkProbeExpect("e", { maxMs: { connect: 50 } }, refs(), refused)[0], { seen: null, met: false, message: "expected connect within 50 ms, but it did not happen" });
});

t.test("no expect: nothing to check", async (t) => {
  t.same(checkProbeExpect("e", null, null, answeredCall()), []);
});

t.test("warnings: each listed code must be among the call's; [] means none (model/probe-warning.ts)", async (t) => {
  const flagged = { ...answeredCall(), warningCodes: ["sdp-in-provisional" as const] };
  const check = (evidence: ProbeEvidence, warnings: ["sdp-in-provisional"] | []) => checkProbeExpect("e", { warnings }, null, evidence)[0];
  t.match(check(flagged, ["sdp-in-provisional"]), { path: "e.warnings", met: true });
  t.match(check(answeredCall(), ["sdp-in-provisional"]), { met: false, message: "expected warnings [sdp-in-provisional], saw []" });
  t.match(check(answeredCall(), []), { met: true });
  t.match(check(flagged, []), { met: false, seen: ["sdp-in-provisional"] });
});
