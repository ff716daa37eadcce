import { X509Certificate } from "node:crypto";
import { connect as netConnect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { Duplex } from "node:stream";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import type { LiveTlsFacts } from "../pki/live-tls-facts.js";
import { derToPem } from "../pki/pem.js";
import { tlsAlertFromName } from "../tls/tls-alert.js";
import { readServerHandshake } from "./certs-handshake.js";

export interface TlsProbeOptions {
  readonly host: string;
  readonly port: number;
  /** SNI; never sent for an IP address. */
  readonly servername?: string | undefined;
  /** Our client certificate (chain) and key, to present if the server asks. */
  readonly identity?: { readonly certPem: string; readonly keyPem: string } | undefined;
  /** Connect + handshake deadline. */
  readonly timeoutMs: number;
  /**
   * After a TLS 1.3 handshake, how long to wait for the server's verdict on our certificate (an alert, or a
   * session ticket). PROTOCOL.md §5: "a server that rejects a missing or untrusted client certificate does so
   * after the client's handshake has completed". @defaultValue 500
   */
  readonly settleMs?: number;
  readonly signal?: AbortSignal;
}

/** Alerts a server sends when it does not like our certificate (or its absence). */
const CLIENT_CERTIFICATE_ALERTS = new Set([40, 42, 43, 44, 45, 46, 48, 49, 116]);

/**
 * Connects with TLS to `host:port` (never verifying the server: lint judges what it sends), presents our
 * certificate when it asks, and records what happened as {@link LiveTlsFacts}. A refusal, a timeout or an alert
 * is a fact, not an exception.
 */
export async function probeTlsServer(options: TlsProbeOptions): Promise<LiveTlsFacts> {
  const started = performance.now();
  const target = `${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}`;
  const base = {
    target,
    servername: options.servername,
    clientCertificateOffered: options.identity !== undefined,
  };
  const raw = netConnect({ host: options.host, port: options.port });
  const connectError = await new Promise<Error | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(Object.assign(new Error(`no TCP connection within ${options.timeoutMs} ms`), { code: "ETIMEDOUT" })), options.timeoutMs);
    raw.once("connect", () => (clearTimeout(timer), resolve(undefined)));
    raw.once("error", (error) => (clearTimeout(timer), resolve(error)));
  });
  if (connectError !== undefined) {
    raw.destroy();
    return {
      ...base,
      connected: false,
      handshakeCompleted: false,
      protocol: undefined,
      cipher: undefined,
      peerChainPems: [],
      clientCertificateRequested: undefined,
      clientCertificateAccepted: undefined,
      acceptanceEvidence: undefined,
      error: describeError(connectError),
      elapsedMs: performance.now() - started,
    };
  }

  const received: Buffer[] = [];
  const keylog: string[] = [];
  const tap = tappedStream(raw, received);
  const socket = tlsConnect({
    socket: tap,
    rejectUnauthorized: false,
    ...(options.servername === undefined ? {} : { servername: options.servername }),
    ...(options.identity === undefined ? {} : { cert: options.identity.certPem, key: options.identity.keyPem }),
  });
  socket.on("keylog", (line: Buffer) => keylog.push(line.toString("ascii")));
  const outcome = await handshakeOutcome(socket, options);
  const peerFromNode = peerChainFromNode(socket);
  socket.destroy();
  raw.destroy();

  const handshake = readServerHandshake(Buffer.concat(received), keylog);
  const peerChainPems = handshake.certificates.length > 0 ? handshake.certificates.map((der) => derToPem(der)) : peerFromNode;
  const alert = outcome.error?.alert;
  let accepted: boolean | undefined;
  let evidence: string | undefined;
  if (outcome.error !== undefined && alert !== undefined && CLIENT_CERTIFICATE_ALERTS.has(alert) && handshake.certificateRequested !== false) {
    accepted = false;
    evidence = `alert ${alert} (${alertName(outcome.error.code) ?? "rejected"})${outcome.completed ? " after the handshake" : " during the handshake"}`;
  } else if (outcome.completed) {
    accepted = outcome.error === undefined && !outcome.closedByServer;
    evidence = outcome.error === undefined ? outcome.evidence : `the connection failed after the handshake: ${outcome.error.message}`;
  } else if (handshake.certificateRequested === true && outcome.error !== undefined) {
    // [INF] no alert, but the server gave up right after asking for our certificate (Node servers just close).
    accepted = false;
    evidence = `the server ended the handshake after asking for our certificate (${outcome.error.code ?? outcome.error.message})`;
  }
  return {
    ...base,
    connected: true,
    handshakeCompleted: outcome.completed,
    protocol: outcome.protocol ?? handshake.version,
    cipher: outcome.cipher,
    peerChainPems,
    clientCertificateRequested: handshake.certificateRequested,
    clientCertificateAccepted: accepted,
    acceptanceEvidence: evidence,
    error: outcome.error,
    elapsedMs: performance.now() - started,
  };
}

interface HandshakeOutcome {
  completed: boolean;
  protocol: string | undefined;
  cipher: string | undefined;
  error: LiveTlsFacts["error"];
  closedByServer: boolean;
  evidence: string | undefined;
}

function handshakeOutcome(socket: TLSSocket, options: TlsProbeOptions): Promise<HandshakeOutcome> {
  const settleMs = options.settleMs ?? 500;
  return new Promise((resolve) => {
    const outcome: HandshakeOutcome = {
      completed: false,
      protocol: undefined,
      cipher: undefined,
      error: undefined,
      closedByServer: false,
      evidence: undefined,
    };
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(settleTimer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      outcome.error ??= { code: "ABORTED", message: "interrupted" };
      finish();
    };
    options.signal?.addEventListener("abort", onAbort);
    const deadline = setTimeout(() => {
      outcome.error ??= { code: "ETIMEDOUT", message: `no TLS handshake within ${options.timeoutMs} ms` };
      finish();
    }, options.timeoutMs);
    let settleTimer: NodeJS.Timeout | undefined;
    socket.once("secureConnect", () => {
      outcome.completed = true;
      outcome.protocol = socket.getProtocol() ?? undefined;
      const cipher = socket.getCipher();
      outcome.cipher = cipher.standardName ?? cipher.name;
      if (outcome.protocol !== "TLSv1.3") {
        // TLS 1.2: the server verifies our certificate before it sends its Finished.
        outcome.evidence = `${outcome.protocol ?? "TLS"} handshake completed`;
        finish();
        return;
      }
      socket.resume();
      settleTimer = setTimeout(() => {
        outcome.evidence = `no alert within ${settleMs} ms of the handshake`;
        finish();
      }, settleMs);
    });
    socket.on("session", () => {
      if (settled || !outcome.completed) return;
      outcome.evidence = "the server sent a session ticket after our Finished";
      finish();
    });
    socket.on("error", (error) => {
      if (settled) return;
      outcome.error = describeError(error);
      finish();
    });
    socket.once("end", () => {
      if (settled) return;
      if (outcome.completed && outcome.error === undefined) {
        outcome.closedByServer = true;
        outcome.evidence = "the server closed the connection without an alert";
      } else if (!outcome.completed) {
        outcome.error ??= { code: "ECONNRESET", message: "the server closed the connection during the handshake" };
      }
      finish();
    });
  });
}

function peerChainFromNode(socket: TLSSocket): string[] {
  try {
    const chain: string[] = [];
    let current = socket.getPeerCertificate(true);
    const seen = new Set<string>();
    while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
      seen.add(current.fingerprint256);
      chain.push(derToPem(new X509Certificate(current.raw).raw));
      current = current.issuerCertificate;
    }
    return chain;
  } catch {
    return [];
  }
}

/** A Duplex over the TCP socket that keeps a copy of everything the server sends. */
function tappedStream(raw: Socket, received: Buffer[]): Duplex {
  const stream = new Duplex({
    read() {
      raw.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      raw.destroy();
      callback(error);
    },
  });
  raw.on("data", (chunk: Buffer) => {
    received.push(chunk);
    if (!stream.push(chunk)) raw.pause();
  });
  raw.on("end", () => stream.push(null));
  raw.on("error", (error) => stream.destroy(error));
  return stream;
}

function describeError(error: Error): NonNullable<LiveTlsFacts["error"]> {
  const code = (error as NodeJS.ErrnoException).code;
  const alert = alertNumber(error.message, code);
  return { code, message: error.message.replace(/^error:[0-9A-F]+:SSL routines:[^:]*:/i, ""), ...(alert === undefined ? {} : { alert }) };
}

function alertNumber(message: string, code: string | undefined): number | undefined {
  const numbered = /alert number (\d+)/i.exec(message);
  if (numbered?.[1] !== undefined) return Number(numbered[1]);
  const name = alertName(code);
  if (name === undefined) return undefined;
  return tlsAlertFromName(name) ?? undefined;
}

/** `ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED` → `certificate_required`. */
function alertName(code: string | undefined): string | undefined {
  const match = /_ALERT_([A-Z_]+)$/.exec(code ?? "");
  return match?.[1]?.toLowerCase();
}
