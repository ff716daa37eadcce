/**
 * The load generators of bench/lab-load.ts. They run in a worker thread (its own event loop, on the second core),
 * so the lab on the main thread is measured without the clients' work in its loop. Every workload is bounded in
 * count and in time. Raw node:tls SIP, no SIP stack: what is measured is the lab, not a client.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { connect, createSecureContext, type SecureContext, type TLSSocket } from "node:tls";
import { parentPort, workerData } from "node:worker_threads";
import { probeCall } from "../harness/sip/call-probe.js";
import { ConnectionPool } from "../harness/sip/connection-pool.js";
import { createResolver } from "../harness/sip/resolve-map.js";
import { MessageFramer } from "../harness/sip/message-framer.js";
import { parseSipTarget } from "../harness/sip/sip-target.js";
import { threadCpuMs } from "./proc-stat.js";

/** What the main thread hands the worker once. */
export interface LoadClientData {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
  /** The Call Router's MTLS listener. */
  readonly callRouter: LoadTarget;
  /** The lab's A records: FQDN → address (to follow 302 Contacts). */
  readonly names: Readonly<Record<string, string>>;
  /** The From domain (the pool persona's FQDN). */
  readonly fromDomain: string;
}

/** An MTLS SIP listener: where to connect, and the name its certificate must carry (SNI and the Request-URI). */
export interface LoadTarget {
  readonly fqdn: string;
  readonly address: string;
  readonly port: number;
}

export type LoadTask =
  /** `target`: another server than the lab's Call Router under the same load (bench/kamailio-reference.ts). */
  | { readonly kind: "options"; readonly window: number; readonly maxRequests: number; readonly maxMs: number; readonly target?: LoadTarget }
  | { readonly kind: "connections"; readonly concurrency: number; readonly max: number; readonly maxMs: number }
  | { readonly kind: "calls"; readonly concurrency: number; readonly max: number; readonly maxMs: number }
  | { readonly kind: "probe-calls"; readonly concurrency: number; readonly max: number; readonly maxMs: number; readonly kept?: boolean };

export interface LoadResult {
  readonly kind: LoadTask["kind"];
  /** Operations that succeeded (200 to OPTIONS, a connection that got its 200, a call answered and hung up). */
  readonly ok: number;
  readonly failed: number;
  readonly elapsedMs: number;
  /** Mean time of one operation, ms (for `options` with window 1: the round trip). */
  readonly meanMs: number;
  /** This thread's CPU time over the whole task, ms (what the client side cost, whatever the neighbours ran). */
  readonly clientCpuMs: number;
  readonly note?: string;
}

const data = workerData as LoadClientData;
let context: SecureContext | undefined;
/** One SecureContext for every connection: the client's cost is not what is measured. */
function secureContext(): SecureContext {
  context ??= createSecureContext({ cert: data.certPem, key: data.keyPem, ca: data.caPem });
  return context;
}

function openTls(host: string, port: number, servername: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername, secureContext: secureContext() });
    // As the lab's listener and the harness's dialler do: Nagle's algorithm would hold an ACK's successor (the next
    // INVITE, the BYE) back until the ACK's segment is acknowledged, against the peer's delayed ACK (RFC 896, RFC 1122
    // §4.2.3.2): tens of ms per call on loopback, a latency of the client, not of the lab.
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`TLS to ${host}:${port} took longer than 5 s`));
    }, 5000);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

let sequence = 0;
const runId = randomBytes(4).toString("hex");
const nextId = () => `${runId}-${(sequence += 1).toString(36)}`;

function options(id: string, target: LoadTarget = data.callRouter): string {
  const { fqdn, port } = target;
  return (
    `OPTIONS sip:${fqdn}:${port};transport=tls SIP/2.0\r\n` +
    `Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK${id}\r\n` +
    `Max-Forwards: 70\r\nFrom: <sip:bench@${data.fromDomain}>;tag=${id}\r\nTo: <sip:${fqdn}>\r\n` +
    `Call-ID: ${id}\r\nCSeq: 1 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n`
  );
}

const statusOf = (message: string) => Number(message.slice(8, 11));
const header = (message: string, name: string) => new RegExp(`^${name}:[ \\t]*(.*?)\\r?$`, "im").exec(message)?.[1] ?? "";

/** OPTIONS over one persistent MTLS connection, up to `window` outstanding (pipelined). */
async function optionsLoad(task: Extract<LoadTask, { kind: "options" }>): Promise<Omit<LoadResult, "clientCpuMs">> {
  const target = task.target ?? data.callRouter;
  const socket = await openTls(target.address, target.port, target.fqdn);
  socket.on("error", () => undefined); // a reset ends the run through "close"; what was not answered counts as failed
  const framer = new MessageFramer();
  let sent = 0;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + task.maxMs;
  await new Promise<void>((resolve) => {
    const fill = () => {
      if (performance.now() > deadline) return;
      let batch = "";
      while (sent - ok - failed < task.window && sent < task.maxRequests) {
        batch += options(nextId(), target);
        sent += 1;
      }
      if (batch !== "") socket.write(batch);
    };
    const finish = () => {
      socket.destroy();
      resolve();
    };
    socket.on("data", (chunk: Buffer) => {
      for (const message of framer.push(chunk)) {
        if (statusOf(message) === 200) ok += 1;
        else failed += 1;
      }
      if (ok + failed === sent && (sent >= task.maxRequests || performance.now() > deadline)) finish();
      else fill();
    });
    socket.on("close", () => resolve());
    setTimeout(finish, task.maxMs + 5000).unref();
    fill();
  });
  const elapsedMs = performance.now() - started;
  // With a window of 1 the mean time per request is the round trip; pipelined, it is 1 / throughput.
  return { kind: "options", ok, failed: sent - ok, elapsedMs, meanMs: elapsedMs / Math.max(1, ok) };
}

/** Runs `one` with `concurrency` lanes until `max` operations or `maxMs`. */
async function lanes(concurrency: number, max: number, maxMs: number, one: () => Promise<boolean>): Promise<{ ok: number; failed: number; elapsedMs: number; busyMs: number }> {
  let started = 0;
  let ok = 0;
  let failed = 0;
  let busyMs = 0;
  const begin = performance.now();
  const deadline = begin + maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (started < max && performance.now() < deadline) {
        started += 1;
        const t0 = performance.now();
        const success = await one().catch(() => false);
        busyMs += performance.now() - t0;
        if (success) ok += 1;
        else failed += 1;
      }
    }),
  );
  return { ok, failed, elapsedMs: performance.now() - begin, busyMs };
}

/** New MTLS connections: full handshake (no resumption), one OPTIONS and its 200 (the proof the lab took us), close. */
async function connectionLoad(task: Extract<LoadTask, { kind: "connections" }>): Promise<Omit<LoadResult, "clientCpuMs">> {
  const result = await lanes(task.concurrency, task.max, task.maxMs, async () => {
    const socket = await openTls(data.callRouter.address, data.callRouter.port, data.callRouter.fqdn);
    try {
      const framer = new MessageFramer();
      const reply = await new Promise<string>((resolve, reject) => {
        socket.on("data", (chunk: Buffer) => {
          const [message] = framer.push(chunk);
          if (message !== undefined) resolve(message);
        });
        socket.once("close", () => reject(new Error("closed")));
        socket.write(options(nextId()));
      });
      return statusOf(reply) === 200;
    } finally {
      socket.destroy();
    }
  });
  return { kind: "connections", ...result, meanMs: result.busyMs / Math.max(1, result.ok + result.failed) };
}

/** A persistent MTLS connection that hands each response to the transaction waiting for its Call-ID and CSeq. */
class Connection {
  readonly #framer = new MessageFramer();
  readonly #waiting = new Map<string, (message: string) => void>();
  constructor(readonly socket: TLSSocket) {
    socket.on("data", (chunk: Buffer) => {
      for (const message of this.#framer.push(chunk)) {
        if (!message.startsWith("SIP/2.0 ") || statusOf(message) < 200) continue;
        const key = `${header(message, "Call-ID")} ${header(message, "CSeq").split(" ")[0] ?? ""}`;
        const waiter = this.#waiting.get(key);
        this.#waiting.delete(key);
        waiter?.(message);
      }
    });
  }
  /** Sends a request and resolves with its final response (5 s bound). */
  request(text: string, callId: string, cseq: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const key = `${callId} ${cseq}`;
      const timer = setTimeout(() => {
        this.#waiting.delete(key);
        reject(new Error(`no final response to CSeq ${cseq} of ${callId}`));
      }, 5000);
      this.#waiting.set(key, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.socket.write(text);
    });
  }
  send(text: string): void {
    this.socket.write(text);
  }
}

const connections = new Map<string, Promise<Connection>>();
/** The persistent connection to `host:port` (an FQDN of the lab), opened on first use and kept (as Lync keeps them). */
function connectionTo(host: string, port: number): Promise<Connection> {
  const key = `${host}:${port}`;
  let made = connections.get(key);
  if (made === undefined) {
    const address = data.names[host.toLowerCase()] ?? host;
    made = openTls(address, port, host).then((socket) => new Connection(socket));
    connections.set(key, made);
  }
  return made;
}

const OFFER = [
  "v=0",
  "o=bench 1 1 IN IP4 127.0.0.1",
  "s=-",
  "c=IN IP4 127.0.0.1",
  "t=0 0",
  "m=audio 40000 RTP/SAVP 0",
  "a=rtpmap:0 PCMU/8000",
  "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH|2^31|1:1",
  "a=sendrecv",
  "",
].join("\r\n");

interface Dialog {
  readonly callId: string;
  readonly fromTag: string;
  readonly requestUri: string;
}

function request(method: string, uri: string, dialog: Dialog, cseq: number, branch: string, to: string, body = ""): string {
  return (
    `${method} ${uri} SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK${branch}\r\nMax-Forwards: 70\r\n` +
    `From: <sip:bench@${data.fromDomain}>;tag=${dialog.fromTag}\r\nTo: ${to}\r\nCall-ID: ${dialog.callId}\r\nCSeq: ${cseq} ${method}\r\n` +
    `Contact: <sip:bench@127.0.0.1:5061;transport=tls>\r\n` +
    (method === "INVITE" ? "Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1\r\n" : "") +
    (body === "" ? "" : "Content-Type: application/sdp\r\n") +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** `sip:user@host:port;params` of a Contact header value, and its host and port. */
function contactOf(message: string): { uri: string; host: string; port: number } {
  const uri = /<([^>]+)>/.exec(header(message, "Contact"))?.[1] ?? "";
  const where = /^sips?:(?:[^@]+@)?([^:;>]+)(?::(\d+))?/.exec(uri);
  return { uri, host: where?.[1] ?? "", port: Number(where?.[2] ?? 5061) };
}

/**
 * One voice-mail call for alice through the whole chain, as the pool places it (PROTOCOL.md §1, §8): INVITE → 302
 * (Call Router) → ACK, INVITE → 302 (UM service) → ACK, INVITE → 200 + SDP (worker) → ACK, BYE → 200.
 */
async function oneCall(): Promise<boolean> {
  const id = nextId();
  const dialog: Dialog = { callId: `call-${id}`, fromTag: id, requestUri: `sip:alice@${data.callRouter.fqdn}:${data.callRouter.port};transport=tls;opaque=app:voicemail` };
  const to = "<sip:alice@contoso.com;opaque=app:voicemail>";
  let uri = dialog.requestUri;
  let host = data.callRouter.fqdn;
  let port = data.callRouter.port;
  for (let cseq = 1; cseq <= 4; cseq += 1) {
    const connection = await connectionTo(host, port);
    const branch = `${id}-${cseq}`;
    const response = await connection.request(request("INVITE", uri, dialog, cseq, branch, to, OFFER), dialog.callId, cseq);
    const status = statusOf(response);
    const toHeader = header(response, "To");
    if (status >= 300 && status < 400) {
      connection.send(request("ACK", uri, dialog, cseq, branch, toHeader));
      ({ uri, host, port } = contactOf(response));
      continue;
    }
    if (status !== 200) {
      connection.send(request("ACK", uri, dialog, cseq, branch, toHeader));
      return false;
    }
    const target = contactOf(response).uri || uri;
    connection.send(request("ACK", target, dialog, cseq, `${branch}-ack`, toHeader));
    const bye = await connection.request(request("BYE", target, dialog, cseq + 1, `${branch}-bye`, toHeader), dialog.callId, cseq + 1);
    return statusOf(bye) === 200;
  }
  return false;
}

async function callLoad(task: Extract<LoadTask, { kind: "calls" }>): Promise<Omit<LoadResult, "clientCpuMs">> {
  await oneCall(); // opens the three persistent connections outside the measurement
  const result = await lanes(task.concurrency, task.max, task.maxMs, oneCall);
  return { kind: "calls", ...result, meanMs: result.busyMs / Math.max(1, result.ok + result.failed) };
}

/**
 * The harness's own client (probeCall: sip.js, a media observer) through the same chain: a new connection per hop, or
 * (`kept`) one ConnectionPool for the whole load, as a scenario run keeps its connections (docs/design.md §10).
 */
async function probeCallLoad(task: Extract<LoadTask, { kind: "probe-calls" }>): Promise<Omit<LoadResult, "clientCpuMs">> {
  const resolver = createResolver({ entries: Object.entries(data.names).map(([host, address]) => ({ host, port: null, address })) });
  const target = parseSipTarget(`sip:alice@${data.callRouter.fqdn}:${data.callRouter.port};transport=tls;opaque=app:voicemail`);
  const callOptions = {
    identity: { certPem: data.certPem, keyPem: data.keyPem, label: "pool" },
    caPem: [data.caPem],
    resolver,
    fromDomain: data.fromDomain,
    timeoutMs: 5000,
    policy: "required" as const,
    extraHeaders: ["Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1"],
    ...(task.kept === true ? { connections: new ConnectionPool() } : {}),
  };
  // Kept: the first calls (one per lane) open the connections outside the measurement, as callLoad does.
  if (task.kept === true) await Promise.all(Array.from({ length: task.concurrency }, () => probeCall(target, callOptions)));
  const result = await lanes(task.concurrency, task.max, task.maxMs, async () => (await probeCall(target, callOptions)).outcome === "answered");
  await callOptions.connections?.close();
  return { kind: "probe-calls", ...result, meanMs: result.busyMs / Math.max(1, result.ok + result.failed) };
}

async function run(task: LoadTask): Promise<LoadResult> {
  const cpuBefore = threadCpuMs();
  const result = await runKind(task);
  return { ...result, clientCpuMs: threadCpuMs() - cpuBefore };
}

async function runKind(task: LoadTask): Promise<Omit<LoadResult, "clientCpuMs">> {
  switch (task.kind) {
    case "options":
      return optionsLoad(task);
    case "connections":
      return connectionLoad(task);
    case "calls":
      return callLoad(task);
    case "probe-calls":
      return probeCallLoad(task);
  }
}

parentPort?.on("message", (task: LoadTask) => {
  run(task).then(
    (result) => parentPort?.postMessage({ result }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
