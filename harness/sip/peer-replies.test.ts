import t, { type Test } from "tap";
import type { InboundRequest } from "../lab/net/inbound-request.js";
import { poolOptions, routerFqdn, routerStandIn } from "../testing/probe-fixture.js";
import { probeCall } from "./call-probe.js";
import { probeOptions } from "./options-probe.js";
import { parseSipTarget } from "./sip-target.js";

/**
 * A mutual-TLS server of the test's own (cas01's lab certificate) that answers every request with `reply(request)`
 * written raw on the connection: the replies a real misbehaving peer sends, which no lab server does.
 */
function replyingServer(t: Test, reply: (request: InboundRequest) => string) {
  return routerStandIn(t, (request) => {
    if (request.message.method !== "ACK") request.socket.write(reply(request));
  });
}

/** The tag-and-branch echo a response needs for sip.js to match it to our request. */
function echo(request: InboundRequest): string {
  const header = (name: string) => request.message.getHeader(name) ?? "";
  return [`Via: ${header("Via")}`, `From: ${header("From")}`, `To: ${header("To")};tag=srv1`, `Call-ID: ${request.message.callId}`, `CSeq: ${header("CSeq")}`].join("\r\n");
}

/** Long, so "judged when it arrived" is told from "judged at the bound" even on a busy machine. */
const BOUND_MS = 20_000;

for (const [name, garbage] of [
  ["an HTTP reply after TLS", "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"],
  ["random bytes with no line end", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u00a1\u0003\u0003garbage"],
] as const) {
  t.test(`${name} is peer-garbage at once, with the bytes in the trace`, async (t) => {
    const server = await replyingServer(t, () => garbage);
    const started = performance.now();
    const result = await probeOptions(parseSipTarget(`${routerFqdn}:${server.port}`), { ...(await poolOptions()), timeoutMs: BOUND_MS });
    const tookMs = performance.now() - started;
    t.match(result, { outcome: "failed", failure: { code: "peer-garbage", message: /no SIP status or request line: it began "/ } });
    t.ok(tookMs < BOUND_MS / 2, `judged when it arrived (${Math.round(tookMs)} ms), not after the ${BOUND_MS} ms bound`);
    t.ok(result.trace.some((entry) => entry.direction === "received" && entry.raw.startsWith(garbage.slice(0, 4))), "what arrived is in the trace");
  });
}

t.test("a SIP response still frames and parses as before", async (t) => {
  const server = await replyingServer(t, (request) => `SIP/2.0 200 OK\r\n${echo(request)}\r\nContent-Length: 0\r\n\r\n`);
  const result = await probeOptions(parseSipTarget(`${routerFqdn}:${server.port}`), { ...(await poolOptions()), timeoutMs: BOUND_MS });
  t.match(result, { outcome: "ok", status: 200 });
});

t.test("a 302 whose Contact does not parse (Kamailio's <sip:<null>@host>) is redirect-without-contact at once", async (t) => {
  const server = await replyingServer(t, (request) => `SIP/2.0 302 Moved Temporarily\r\n${echo(request)}\r\nContact: <sip:<null>@127.0.0.1:5061;transport=tls>\r\nContent-Length: 0\r\n\r\n`);
  const started = performance.now();
  const result = await probeCall(parseSipTarget(`sip:alice@${routerFqdn}:${server.port};transport=tls`), { ...(await poolOptions()), policy: "required", timeoutMs: BOUND_MS });
  const tookMs = performance.now() - started;
  t.match(result, { outcome: "failed", failure: { code: "redirect-without-contact" } });
  t.ok(tookMs < BOUND_MS / 2, `judged when it arrived (${Math.round(tookMs)} ms), not after the ${BOUND_MS} ms bound`);
});
