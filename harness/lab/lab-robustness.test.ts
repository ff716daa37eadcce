import { connect, type Socket } from "node:net";
import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";

function options(callId: string, extra = ""): string {
  return [
    `OPTIONS sip:${CAS} SIP/2.0`,
    "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK" + callId,
    "Max-Forwards: 70",
    "From: <sip:fuzz@pool01.contoso.com>;tag=1",
    `To: <sip:${CAS}>`,
    `Call-ID: ${callId}`,
    "CSeq: 1 OPTIONS",
    extra,
    "Content-Length: 0",
    "",
    "",
  ]
    .filter((line, index, all) => line !== "" || index >= all.length - 2)
    .join("\r\n");
}

/** The bound on waiting for a reply: generous, since it is met at once when the reply (or the close) comes. */
const REPLY_BOUND_MS = 10_000;

/**
 * Sends `text` on a new TCP connection to the Call Router's 5060 and collects what comes back until the connection
 * closes, `replies` whole responses (status line to the blank line) have arrived, or the bound passes.
 */
async function exchange(lab: Lab, text: string | Buffer, replies = 1, ms = REPLY_BOUND_MS): Promise<{ data: string; closed: boolean }> {
  const socket: Socket = connect({ host: lab.server(CAS).address, port: lab.port(CAS, "sip-tcp") });
  let data = "";
  let closed = false;
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if ((data.match(/^SIP\/2\.0 \d{3} [^]*?\r\n\r\n/gm)?.length ?? 0) >= replies) {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on("close", () => {
      closed = true;
      clearTimeout(timer);
      resolve();
    });
    socket.write(text);
  });
  socket.destroy();
  return { data, closed };
}

t.test("malformed requests get 400 where they can be answered, a clean close where not (docs/design.md §5)", async (t) => {
  const lab = await startTestLab(t);
  const good = await exchange(lab, options("good-1"));
  t.match(good.data, /^SIP\/2\.0 200 OK\r\n/);
  const noCallId = await exchange(lab, options("x").replace(/Call-ID: x\r\n/, ""));
  t.match(noCallId.data, /^SIP\/2\.0 400 Bad Request \(no Call-ID header\)\r\nVia: SIP\/2\.0\/TCP 127\.0\.0\.1:5999;branch=z9hG4bKx\r\n/);
  t.notOk(noCallId.closed, "the connection stays up after a 400");
  const badCseq = await exchange(lab, options("y").replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
  t.match(badCseq.data, /^SIP\/2\.0 400 Bad Request \(the CSeq method differs/);
  const garbage = await exchange(lab, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  t.equal(garbage.data, "", "nothing sent back to garbage");
  t.ok(garbage.closed, "and the connection is closed");
  const huge = await exchange(lab, `OPTIONS sip:${CAS} SIP/2.0\r\nX: ${"a".repeat(70_000)}`);
  t.ok(huge.closed, "a header section over the limit closes the connection");
  const twoInOne = await exchange(lab, options("a-1") + options("a-2"), 2);
  t.equal(twoInOne.data.match(/SIP\/2\.0 200 OK/g)?.length, 2, "two requests in one segment, two answers");
});

t.test("one bad connection never affects another; thousands of mutated messages, the lab keeps serving", async (t) => {
  const lab = await startTestLab(t);
  const keeper: Socket = connect({ host: lab.server(CAS).address, port: lab.port(CAS, "sip-tcp") });
  keeper.on("error", () => undefined);
  t.teardown(() => keeper.destroy());
  let keeperData = "";
  keeper.on("data", (chunk) => (keeperData += chunk.toString()));
  await new Promise((resolve) => keeper.once("connect", resolve));

  const base = options("mutant");
  let random = 12345;
  const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const mutate = (text: string): Buffer => {
    const bytes = Buffer.from(text);
    switch (Math.floor(next() * 6)) {
      case 0:
        return bytes.subarray(0, Math.floor(next() * bytes.length));
      case 1:
        for (let i = 0; i < 5; i += 1) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        return bytes;
      case 2:
        return Buffer.from(text.replace("Content-Length: 0", `Content-Length: ${Math.floor(next() * 10_000_000)}`));
      case 3:
        return Buffer.from(text.replace(/^(Via|From|To|CSeq): .*\r\n/m, ""));
      case 4:
        return Buffer.from(Array.from({ length: 200 }, () => Math.floor(next() * 256)));
      default:
        return Buffer.from(text.replace("OPTIONS sip:", "OPTIONS \u0000sip:"));
    }
  };
  const connections = 40;
  const perConnection = 60;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const socket = connect({ host: lab.server(CAS).address, port: lab.port(CAS, "sip-tcp") });
      socket.on("error", () => undefined);
      socket.on("data", () => undefined);
      await new Promise((resolve) => socket.once("connect", resolve).once("error", resolve));
      for (let i = 0; i < perConnection && !socket.destroyed; i += 1) socket.write(mutate(base));
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
    }),
  );
  keeper.write(options("keeper-1"));
  // Waits for the answer itself (bounded), not for a fixed time a busy machine may overrun.
  const deadline = Date.now() + REPLY_BOUND_MS;
  while (!/\r\n\r\n/.test(keeperData) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  t.match(keeperData, /^SIP\/2\.0 200 OK/, "the connection opened before the storm still answers");
  const tls = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.equal(tls.status, 200, "a new mutual-TLS OPTIONS still gets 200");
});

/** Opens a TCP connection to the Call Router's 5060 from `localAddress` (any 127.x address works on Linux). */
function connectFrom(lab: Lab, localAddress: string): Promise<Socket> {
  const socket = connect({ host: lab.server(CAS).address, port: lab.port(CAS, "sip-tcp"), localAddress });
  socket.on("error", () => undefined);
  return new Promise((resolve) => socket.once("connect", () => resolve(socket)).once("close", () => resolve(socket)));
}

/** Resolves when `socket` closes (true) or the bound passes (false). */
function closedWithin(socket: Socket, ms = REPLY_BOUND_MS): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Sends a whole OPTIONS on `socket` and waits (bounded) for one response. */
async function ask(socket: Socket, callId: string): Promise<string> {
  let data = "";
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, REPLY_BOUND_MS);
    socket.on("data", (chunk: Buffer) => {
      data += chunk.toString("latin1");
      if (data.includes("\r\n\r\n")) {
        clearTimeout(timer);
        resolve();
      }
    });
    socket.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.write(options(callId));
  });
  return data;
}

const HALF_OPEN = `OPTIONS sip:${CAS} SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.2:5999;branch=z9hG4bKhalf\r\n`;

t.test("600 half-open requests from one address: the others keep being served (behaviour.listenerLimits)", async (t) => {
  const lab = await startTestLab(t);
  const since = lab.events.lastSeq;
  // Before the per-address bound, the listener's `server.maxConnections = 512` closed every connection past 512,
  // whoever sent it: at ~520 half-open requests from one client the lab reset every other client.
  const flood = await Promise.all(Array.from({ length: 600 }, () => connectFrom(lab, "127.0.0.2")));
  t.teardown(() => flood.forEach((socket) => socket.destroy()));
  for (const socket of flood) if (!socket.destroyed) socket.write(HALF_OPEN);
  const perAddress = 128; // listenerLimits.maxConnectionsPerAddress's default
  const deadline = Date.now() + REPLY_BOUND_MS;
  while (flood.filter((socket) => socket.destroyed).length < 600 - perAddress && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(flood.filter((socket) => !socket.destroyed).length, perAddress, "the address keeps its bound of open connections, the rest are refused");

  const other = await connectFrom(lab, "127.0.0.3");
  t.teardown(() => other.destroy());
  t.match(await ask(other, "other-1"), /^SIP\/2\.0 200 OK\r\n/, "a client from another address is answered");
  const again = await connectFrom(lab, "127.0.0.2");
  t.ok(await closedWithin(again), "the flooding address still gets no further connection");
  const tls = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.equal(tls.status, 200, "a mutual-TLS OPTIONS from the pool still gets 200");

  const refused = lab.events.entries({ eventId: 60101, since }).filter((event) => event.details["reason"] === "connections-per-address");
  t.ok(refused.length >= 1, "the Call Router logged event 60101 for the refusals");
  t.ok(refused.length < 20, "in runs per address, not one event per refused connection");
  t.match(refused[0], { server: CAS, level: "Warning", details: { peerAddress: "127.0.0.2", limit: perAddress, listener: "sip-tcp" } });
});

t.test("a partial request is closed after requestTimeoutMs (slowloris); an idle connection is kept", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { behaviour: { listenerLimits: { requestTimeoutMs: 300 } } });
  const lab = await startTestLab(t, { topology });
  const since = lab.events.lastSeq;
  const idle = await connectFrom(lab, "127.0.0.4");
  t.teardown(() => idle.destroy());
  const slow = await connectFrom(lab, "127.0.0.5");
  t.teardown(() => slow.destroy());
  const started = Date.now();
  slow.write(HALF_OPEN);
  // A byte every 100 ms keeps the connection busy, but the request never completes.
  const drip = setInterval(() => slow.write("X"), 100);
  t.teardown(() => clearInterval(drip));
  t.ok(await closedWithin(slow), "the lab closes the partial request");
  clearInterval(drip);
  t.ok(Date.now() - started >= 300, "not before the bound");
  const [event] = lab.events.entries({ eventId: 60101, since });
  t.match(event, { server: CAS, details: { reason: "request-timeout", peerAddress: "127.0.0.5", limit: 300 } });
  t.ok(Number(event?.details["bufferedBytes"]) > HALF_OPEN.length, "the event says how much of the request had come");
  t.notOk(idle.destroyed, "a connection that sent nothing is kept (Lync keeps its connections up)");
  t.match(await ask(idle, "idle-1"), /^SIP\/2\.0 200 OK\r\n/, "and is answered when it speaks");
});

t.test("a connection holding more than maxBufferedBytes is closed, with the event", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { behaviour: { listenerLimits: { maxBufferedBytes: 4096 } } });
  const lab = await startTestLab(t, { topology });
  const since = lab.events.lastSeq;
  const big = await connectFrom(lab, "127.0.0.6");
  t.teardown(() => big.destroy());
  big.write(`${HALF_OPEN}X-Filler: ${"a".repeat(5000)}`);
  t.ok(await closedWithin(big), "closed");
  const [event] = lab.events.entries({ eventId: 60101, since });
  t.match(event, { details: { reason: "buffered-bytes", peerAddress: "127.0.0.6", limit: 4096 } });
  const body = await connectFrom(lab, "127.0.0.6");
  t.teardown(() => body.destroy());
  body.write(options("big-body").replace("Content-Length: 0", "Content-Length: 100000"));
  t.ok(await closedWithin(body), "a Content-Length past the bound closes the connection before its body is read");
  const small = await connectFrom(lab, "127.0.0.6");
  t.teardown(() => small.destroy());
  t.match(await ask(small, "small-1"), /^SIP\/2\.0 200 OK\r\n/, "a request within the bound is answered");
});
