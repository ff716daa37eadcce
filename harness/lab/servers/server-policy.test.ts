import t from "tap";
import { applyOverrides } from "../topology/topology-overrides.js";
import { defaultLoadedTopology } from "../topology/topology-default.js";
import type { Server } from "../topology/topology-resolve.js";
import { connectionGate, listenerOpen, requestDecision, responseTiming, startupModeAllows } from "./server-policy.js";

const MBX01 = "mbx01.tukwila.contoso.com";

/** mbx01 (and the lab's behaviour) with these overrides applied to it. */
function mbx01(server: Record<string, unknown>, behaviour: Record<string, unknown> = {}) {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: MBX01, ...server }], behaviour });
  const found = topology.servers.find((entry) => entry.fqdn === MBX01) as Server;
  return { server: found, behaviour: topology.behaviour };
}

const INVITE = { method: "INVITE", toTag: undefined };

t.test("a running server: every listener open, every connection and request goes through", async (t) => {
  const { server, behaviour } = mbx01({});
  t.ok(listenerOpen(server, behaviour, "um-tls"));
  t.equal(connectionGate(server, "um-tls"), "accept");
  t.same(requestDecision(server, behaviour, "um-tls", INVITE), { kind: "pass" });
  t.same(responseTiming(server, "um-tls", "INVITE", 200), { delayMs: 0, dropAfterMs: null });
});

t.test("UMStartupMode opens the listeners of its transports only (docs/protocol.md §1)", async (t) => {
  t.ok(startupModeAllows(mbx01({ startupMode: "TLS" }).server, "tls"));
  t.notOk(startupModeAllows(mbx01({ startupMode: "TLS" }).server, "tcp"));
  t.notOk(startupModeAllows(mbx01({ startupMode: "TCP" }).server, "tls"));
  t.ok(startupModeAllows(mbx01({ startupMode: "Dual" }).server, "tcp"));
});

t.test("stopped: refused (closed) or black-holed as behaviour.stoppedServer says (docs/protocol.md §7)", async (t) => {
  const refused = mbx01({ state: "stopped" }, { stoppedServer: "refuse" });
  t.notOk(listenerOpen(refused.server, refused.behaviour, "um-tls"));
  const silent = mbx01({ state: "stopped" }, { stoppedServer: "black-hole" });
  t.ok(listenerOpen(silent.server, silent.behaviour, "um-tls"));
  t.equal(connectionGate(silent.server, "um-tls"), "black-hole");
});

t.test("disabled Exchange: new INVITEs get behaviour.disabledAnswer, in-dialog requests pass", async (t) => {
  const { server, behaviour } = mbx01({ state: "disabled" });
  t.ok(listenerOpen(server, behaviour, "um-tls"));
  t.same(requestDecision(server, behaviour, "um-tls", INVITE), { kind: "respond", status: 503, reason: "Service Unavailable" });
  t.same(requestDecision(server, behaviour, "um-tls", { method: "INVITE", toTag: "a1" }), { kind: "pass" });
  t.same(requestDecision(server, behaviour, "um-tls", { method: "OPTIONS", toTag: undefined }), { kind: "pass" });
  const refusing = mbx01({ state: "disabled" }, { disabledAnswer: { refuse: true } });
  t.notOk(listenerOpen(refusing.server, refusing.behaviour, "um-tls"));
});

t.test("faults apply only to their listeners and methods, and only while faulty", async (t) => {
  const refuse = mbx01({ fault: { kind: "refuse", listeners: ["worker-tls"] } });
  t.notOk(listenerOpen(refuse.server, refuse.behaviour, "worker-tls"));
  t.ok(listenerOpen(refuse.server, refuse.behaviour, "um-tls"), "another listener stays open");
  t.equal(connectionGate(mbx01({ fault: { kind: "tls-abort" } }).server, "um-tls"), "tls-abort");
  const hole = mbx01({ fault: { kind: "black-hole", methods: ["INVITE"] } });
  t.same(requestDecision(hole.server, hole.behaviour, "um-tls", INVITE), { kind: "drop" });
  t.same(requestDecision(hole.server, hole.behaviour, "um-tls", { method: "OPTIONS", toTag: undefined }), { kind: "pass" }, "OPTIONS is not INVITE");
  const busy = mbx01({ fault: { kind: "service-unavailable" } });
  t.same(requestDecision(busy.server, busy.behaviour, "um-tls", INVITE), { kind: "respond", status: 503, reason: "Service Unavailable" });
  t.same(requestDecision(busy.server, busy.behaviour, "um-tls", { method: "ACK", toTag: "a1" }), { kind: "drop" }, "an ACK is never answered");
  const garbage = mbx01({ fault: { kind: "garbage", text: "HELLO" } });
  t.same(requestDecision(garbage.server, garbage.behaviour, "um-tls", INVITE), { kind: "write", text: "HELLO" });
  const healed = mbx01({ state: "running", fault: { kind: "black-hole" } });
  t.same(requestDecision(healed.server, healed.behaviour, "um-tls", INVITE), { kind: "pass" }, "a fault is applied only while faulty");
});

t.test("slow holds every answer back; drop-mid-call drops the connection after an answered INVITE only", async (t) => {
  t.same(responseTiming(mbx01({ fault: { kind: "slow", delayMs: 300 } }).server, "um-tls", "OPTIONS", 200), { delayMs: 300, dropAfterMs: null });
  const drop = mbx01({ fault: { kind: "drop-mid-call", afterMs: 700 } }).server;
  t.same(responseTiming(drop, "worker-tls", "INVITE", 200), { delayMs: 0, dropAfterMs: 700 });
  t.same(responseTiming(drop, "worker-tls", "INVITE", 180), { delayMs: 0, dropAfterMs: null }, "not on a provisional");
  t.same(responseTiming(drop, "worker-tls", "BYE", 200), { delayMs: 0, dropAfterMs: null }, "not on another method");
});
