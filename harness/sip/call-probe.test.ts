import t from "tap";
import { responder, routerFqdn } from "../testing/probe-fixture.js";
import { probeCall } from "./call-probe.js";
import { parseSipTarget } from "./sip-target.js";

const target = (port: number) => parseSipTarget(`sip:alice@${routerFqdn}:${port};transport=tls`);

t.test("RequireEncryption into a worker that requires SRTP: 302 followed, SRTP, Secured, ACK, BYE", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { workerPolicy: "required" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.match(result, {
    kind: "call",
    outcome: "answered",
    status: 200,
    failure: null,
    endedBy: "us",
    negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", cryptoTag: 1, profile: "RTP/SAVP", mode: "Secured" },
  });
  t.same(result.hops.map((h) => [h.method, h.status]), [["INVITE", 302], ["INVITE", 200]]);
  t.match(result.hops[1]?.target, `:${r.worker.port};transport=tls`, "the hop followed the raw Contact (transport=Tls, maddr)");
  t.match(result.hops[1]?.tls, { verification: { trusted: true }, clientCertificate: { sent: true, accepted: true } });
  t.same(
    r.seen.map((s) => `${s.side} ${s.method}`),
    ["front INVITE", "front ACK", "worker INVITE", "worker ACK", "worker BYE"],
    "ACK to the 302 (by the transaction), ACK to the 200, BYE",
  );
  t.match(result.sdp?.offer, /m=audio \d+ RTP\/SAVP 0 101/);
  t.match(result.sdp?.answer, /a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:/);
});

t.test("SupportEncryption into a worker that refuses SRTP: RTP in clear, SIPSecured", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { workerPolicy: "none" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "optional" });
  t.match(result, { outcome: "answered", negotiated: { media: "rtp", mode: "SIPSecured", profile: "RTP/AVP" } });
});

t.test("RequireEncryption into a worker that refuses SRTP: incompatible-security-setting from the 488", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { workerPolicy: "none" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.match(result, { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" }, negotiated: null });
  t.match(result.hops[1]?.diagnostics[0], { header: "ms-diagnostics-public", reason: "Incompatible security setting" });
});

t.test("the same verdict when the reason text says something else: classification reads the SDP facts", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { workerPolicy: "none", notAcceptableReason: "whatever" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.equal(result.failure?.code, "incompatible-security-setting");
});

t.test("DoNotSupportEncryption into a worker that requires SRTP: srtp-required-by-peer", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { workerPolicy: "required" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "none" });
  t.match(result, { outcome: "failed", failure: { code: "srtp-required-by-peer" } });
});

t.test("a redirect back to where we came from → redirect-loop", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { loop: true } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.match(result, { outcome: "failed", failure: { code: "redirect-loop" } });
  t.equal(result.hops.length, 1);
});

t.test("a worker that sends 100 and never answers: CANCEL, then no-response", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { silent: true } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required", timeoutMs: 500 });
  t.match(result, { outcome: "failed", failure: { code: "no-response" } });
  t.same(result.hops[1]?.provisional, [100]);
  t.ok(r.seen.some((s) => s.side === "worker" && s.method === "CANCEL"), "CANCEL was sent after the provisional");
});

t.test("a worker that answers garbage → peer-garbage", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { garbage: "HELLO\r\nContent-Length: zz\r\n\r\n" } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.match(result, { outcome: "failed", failure: { code: "peer-garbage" } });
});

t.test("hold keeps the call up before BYE", async (t) => {
  const { responder: r, base } = await responder(t);
  const started = Date.now();
  const result = await probeCall(target(r.front.port), { ...base, policy: "required", holdMs: 300 });
  t.equal(result.outcome, "answered");
  t.ok(Date.now() - started >= 300);
  t.equal(r.seen.at(-1)?.method, "BYE");
});

t.test("an aborted call (Ctrl-C) stops within the bound and says aborted", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { silent: true } });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const result = await probeCall(target(r.front.port), { ...base, policy: "required", timeoutMs: 5000, signal: controller.signal });
  t.match(result, { outcome: "failed", failure: { code: "aborted" } });
});

t.test("provisional responses are reported from the wire, 180 included", async (t) => {
  const { responder: r, base } = await responder(t, { behaviour: { tryingFirst: true, ringing: true } });
  const result = await probeCall(target(r.front.port), { ...base, policy: "required" });
  t.equal(result.outcome, "answered");
  t.same(result.hops[1]?.provisional, [100, 180]);
});
