import { connect, type Socket } from "node:net";
import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";

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
