import t from "tap";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";

async function options(lab: Lab, listener: "sip-tls" | "sip-tcp" = "sip-tls", timeoutMs = 1500) {
  return probeOptions(labTarget(lab, CAS, listener, null), await clientOptions(lab, "pool", { timeoutMs }));
}

async function call(lab: Lab, extra: { holdMs?: number; timeoutMs?: number } = {}) {
  return probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool", { timeoutMs: extra.timeoutMs ?? 1500 })),
    policy: "required",
    extraHeaders: ["Diversion: <sip:alice@contoso.com>"],
    ...(extra.holdMs === undefined ? {} : { holdMs: extra.holdMs }),
  });
}

t.test("each fault, set and cleared while the lab runs (topology-fault.ts)", async (t) => {
  const lab = await startTestLab(t);

  t.test("refuse: connection refused, on the listeners named only", async (t) => {
    await lab.setFault(CAS, { kind: "refuse", listeners: ["sip-tls"] });
    t.match(await options(lab), { status: null, failure: { code: "connection-refused" } });
    t.equal((await options(lab, "sip-tcp")).status, 200, "5060 still answers");
    await lab.setFault(CAS, null);
    t.equal(lab.server(CAS).state, "running");
    t.equal((await options(lab)).status, 200);
  });

  t.test("black-hole: TLS completes, nothing is ever answered", async (t) => {
    await lab.setFault(CAS, { kind: "black-hole" });
    t.match(await options(lab, "sip-tls", 400), { status: null, failure: { code: "no-response" } });
    await lab.setFault(CAS, null);
  });

  t.test("black-hole scoped to the worker's INVITEs: the chain stops at the third hop", async (t) => {
    await lab.setFault(MBX1, { kind: "black-hole", listeners: ["worker-tls"], methods: ["INVITE"] });
    // A bound long enough for the two hops that must answer, on a busy machine too: only the black hole reaches it.
    const result = await call(lab, { timeoutMs: 3000 });
    t.match(result, { outcome: "failed", failure: { code: "no-response" } });
    t.same(
      result.hops.map((hop) => hop.status),
      [302, 302, null],
    );
    await lab.setFault(MBX1, null);
  });

  t.test("tls-abort: the handshake is aborted with an alert, no SIP response", async (t) => {
    await lab.setFault(CAS, { kind: "tls-abort" });
    const result = await options(lab);
    t.match(result, { outcome: "failed", status: null, failure: { code: /^tls-/ } });
    await lab.setFault(CAS, null);
  });

  t.test("slow: every answer is held back delayMs", async (t) => {
    await lab.setFault(CAS, { kind: "slow", delayMs: 300 });
    const result = await options(lab);
    t.equal(result.status, 200);
    t.ok((result.hops[0]?.timings.finalResponseMs ?? 0) >= 290, `answered after ${result.hops[0]?.timings.finalResponseMs} ms`);
    await lab.setFault(CAS, null);
  });

  t.test("service-unavailable: 503 (status and reason configurable)", async (t) => {
    await lab.setFault(CAS, { kind: "service-unavailable" });
    t.match(await options(lab), { status: 503, reason: "Service Unavailable" });
    await lab.setFault(CAS, { kind: "service-unavailable", status: 500, reason: "Server Internal Error", methods: ["INVITE"] });
    t.equal((await options(lab)).status, 200, "OPTIONS not in the fault's methods");
    t.match(await call(lab), { status: 500 });
    await lab.setFault(CAS, null);
  });

  t.test("drop-mid-call: answered, then the connection is closed without a BYE", async (t) => {
    await lab.setFault(MBX1, { kind: "drop-mid-call", afterMs: 100, listeners: ["worker-tls"] });
    const result = await call(lab, { holdMs: 2000 });
    t.match(result, { outcome: "failed", endedBy: "peer", failure: { code: "peer-ended-call" }, endReason: "the connection closed without a BYE" });
    t.match(lab.calls.ended(MBX1).at(-1), { endedBy: "dropped" });
    await lab.setFault(MBX1, null);
  });

  t.test("garbage: bytes that are not SIP instead of the answer", async (t) => {
    await lab.setFault(CAS, { kind: "garbage" });
    t.match(await options(lab), { outcome: "failed", status: null });
    await lab.setFault(CAS, null);
    t.equal((await options(lab)).status, 200);
  });

  t.test("a fault that is not one is refused with a clear error", async (t) => {
    await t.rejects(lab.setFault(CAS, { kind: "explode" }), { code: "EXUM_LAB_BAD_FAULT" });
    await t.rejects(lab.setFault("nosuch", { kind: "refuse" }), { code: "EXUM_LAB_UNKNOWN_SERVER" });
  });
});

t.test("server states: stopped refuses, running again answers; stopped as black-hole", async (t) => {
  const lab = await startTestLab(t);
  await lab.setServerState(CAS, "stopped");
  t.ok(lab.server(CAS).listeners().every((listener) => !listener.open));
  t.match(await options(lab), { failure: { code: "connection-refused" } });
  t.match(await options(lab, "sip-tcp"), { failure: { code: "connection-refused" } });
  await lab.setServerState(CAS, "running");
  t.equal((await options(lab)).status, 200);

  const hung = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { behaviour: { stoppedServer: "black-hole" } }) });
  await hung.setServerState(CAS, "stopped");
  const result = await probeOptions(labTarget(hung, CAS, "sip-tcp", null), await clientOptions(hung, "pool", { timeoutMs: 1000 }));
  t.match(result, { status: null, failure: { code: "no-response" } });
});

t.test("a stopped Mailbox server: the Call Router still redirects to it, the next hop is refused (docs/protocol.md §7)", async (t) => {
  const lab = await startTestLab(t);
  await lab.setServerState(MBX1, "stopped");
  const result = await call(lab);
  t.same(
    result.hops.map((hop) => [hop.status, hop.failure?.code ?? null]),
    [
      [302, null],
      [null, "connection-refused"],
    ],
  );
});

t.test("a topology fault applies from the start (state faulty by default)", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, fault: { kind: "service-unavailable" } }] });
  const lab = await startTestLab(t, { topology });
  t.equal(lab.server(CAS).state, "faulty");
  t.equal((await options(lab)).status, 503);
});

t.test("sdp-in-ringing: a 180 Ringing with the SDP answer, then the 200; the client flags it (docs/protocol.md §10)", async (t) => {
  // docs/protocol.md §10 "Field failures engineers report": "SDP in a 180 Ringing breaking UCMA (no audio)".
  const lab = await startTestLab(t);
  const clean = await call(lab);
  t.equal(clean.outcome, "answered");
  t.same(clean.warningCodes, [], "no warning when no provisional carries SDP");
  await lab.setFault(MBX1, { kind: "sdp-in-ringing", listeners: ["worker-tls"] });
  const result = await call(lab);
  t.match(result, { outcome: "answered", negotiated: { media: "srtp" } }, "our client takes the 200's answer: the call works here");
  t.same(result.hops.at(-1)?.provisional.includes(180), true);
  const ringing = result.trace.find((entry) => entry.direction === "received" && entry.firstLine.startsWith("SIP/2.0 180"));
  t.match(ringing?.raw, /\r\n\r\nv=0\r\n/, "the 180 carried an SDP body");
  t.same(result.warningCodes, ["sdp-in-provisional"]);
  t.ok(result.warnings.some((warning) => /^sdp-in-provisional: 180 Ringing carried SDP; a UCMA peer/.test(warning)), "and says so in words");
  await lab.setFault(MBX1, null);
});
