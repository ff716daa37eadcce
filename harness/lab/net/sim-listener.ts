import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type SecureContextOptions, type Server as TlsServer, type TLSSocket } from "node:tls";
import type { Logger } from "../../log/logger.js";
import { FramingError } from "../../sip/framing-error.js";
import { MessageFramer } from "../../sip/message-framer.js";
import type { TlsVersion } from "../../tls/tls-version.js";
import { listenerLimitsSchema, type ListenerLimits } from "../topology/topology-listener-limits.js";
import { ListenerRequest } from "./listener-request.js";
import { parseInbound } from "./malformed-request.js";
import type { InboundRequest } from "./inbound-request.js";
import type { ListenerDrop, ListenerDropReason } from "./listener-drop.js";
import { verifyClientChain } from "./verify-client-chain.js";

/**
 * What the listener does with a new TCP connection, decided per connection by the server host (state and fault):
 * - `accept`: serve SIP (after the TLS handshake on a TLS listener);
 * - `black-hole`: keep the connection and never answer anything, not even the TLS handshake;
 * - `tls-abort`: read the ClientHello, answer a fatal `handshake_failure` alert (RFC 8446 §6.2) and close;
 *   on a TCP listener the connection is closed;
 * - `destroy`: close at once.
 */
export type ConnectionGate = "accept" | "black-hole" | "tls-abort" | "destroy";

/** The PEM options of a mutual-TLS listener (tls.Server reads the PEM fields, not a `secureContext`). */
export interface SimListenerTls {
  cert: string;
  key: string;
  ca: string[];
  requestCert: boolean;
  rejectUnauthorized: boolean;
  minVersion?: TlsVersion;
  maxVersion?: TlsVersion;
  /** OpenSSL cipher list (TLS 1.0/1.1 need security level 0, tls-version.ts). */
  ciphers?: string;
  /**
   * The CA names the CertificateRequest lists, as certificates, when they differ from `ca` (topology
   * `certificateRequest`); [] lists none. The client's certificate is then judged against `ca` by the lab itself
   * (verify-client-chain.ts), since OpenSSL takes the list and its trust from the same `ca` option.
   */
  advertisedCa?: string[];
}

/** The listener checks the client's chain itself (`advertisedCa`), where OpenSSL's check would refuse what it should not. */
function isManual(tls: SimListenerTls): boolean {
  return tls.advertisedCa !== undefined && tls.requestCert;
}

/** A refused handshake as the listener saw it. */
export interface ListenerTlsFailure {
  readonly peerAddress: string;
  readonly peerPort: number;
  readonly code: string | null;
  readonly message: string;
  readonly kind: "no-client-certificate" | "untrusted-client-certificate" | "other";
}

export interface SimListenerOptions {
  address: string;
  /** The port to bind: a real port, or 0 for the kernel's choice (kept across stop/listen). */
  port: number;
  transport: "tcp" | "tls";
  tls?: SimListenerTls;
  gate(): ConnectionGate;
  onRequest(request: InboundRequest): void;
  onTlsFailure?(failure: ListenerTlsFailure): void;
  /** A connection closed (its calls end). */
  onClose?(socket: Socket): void;
  /** A connection closed for breaking a bound (the server logs it; refusals of one address come in runs). */
  onDrop?(drop: ListenerDrop): void;
  logger: Logger;
  /** The bounds, read at every connection (a lab step may change them). @defaultValue the schema's defaults */
  limits?: () => ListenerLimits;
  /** A TLS handshake that takes longer is aborted. @defaultValue 10000 */
  handshakeTimeoutMs?: number;
  /** A connection that sends this many unusable messages is closed. @defaultValue 20 */
  maxBadMessages?: number;
}

/** A fatal handshake_failure alert record (content type 21, TLS 1.2 record version, level 2, description 40). */
const HANDSHAKE_FAILURE_ALERT = Buffer.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]);

/** The largest header section a simulated server reads (MessageFramer's own default). */
const MAX_HEADER_BYTES = 64 * 1024;

/** Refusals of one address are reported at most this often (the first at once), so a flood cannot flood the log. */
const REFUSAL_REPORT_MS = 1000;

const DEFAULT_LIMITS: ListenerLimits = listenerLimitsSchema.parse({});

/** Maps OpenSSL's server-side errors to why the client certificate was refused. */
function tlsFailureKind(code: string | null, message: string): ListenerTlsFailure["kind"] {
  const text = `${code ?? ""} ${message}`.toUpperCase();
  if (text.includes("DID_NOT_RETURN_A_CERTIFICATE") || text.includes("PEER DID NOT RETURN A CERTIFICATE")) return "no-client-certificate";
  if (text.includes("CERTIFICATE VERIFY FAILED") || text.includes("VERIFY_FAILED") || text.includes("UNABLE_TO_GET_ISSUER") || text.includes("UNKNOWN_CA") || text.includes("SELF_SIGNED") || text.includes("CERT_HAS_EXPIRED") || text.includes("CERT_NOT_YET_VALID")) {
    return "untrusted-client-certificate";
  }
  return "other";
}

/**
 * One SIP listener of a simulated server. A plain `net.Server` accepts every connection and asks `gate()` what to
 * do with it; accepted TLS connections are handed to a `tls.Server` that never listens itself (`emit("connection")`),
 * so Node still judges the client certificate against the lab root (server-secure-context.ts: trust is only
 * enforced for sockets a `tls.Server` accepted). `listen`/`stop` open and close the port while the lab runs:
 * a stopped listener refuses connections (docs/protocol.md §7: "A stopped Call Router or UM service refuses
 * connections (TCP RST)").
 */
export class SimListener {
  readonly #options: SimListenerOptions;
  readonly #sockets = new Set<Socket>();
  readonly #peers = new WeakMap<Socket, { address: string; port: number }>();
  /**
   * Made on the first TLS connection, not with the listener: a tls.Server builds its own SecureContext (key parse,
   * chain, CA store) when constructed, and most of a lab's listeners take no connection in a scenario (docs/design.md
   * §10: 820 servers, 0.97 s of CPU in one `exum run`).
   */
  #tlsServer: TlsServer | null = null;
  /** Open connections per source address. */
  readonly #perAddress = new Map<string, number>();
  /** Per address and reason: when refusals were last reported and how many came since. */
  readonly #refusals = new Map<string, { reportedAt: number; since: number }>();
  #server: Server | null = null;
  #port: number;

  constructor(options: SimListenerOptions) {
    this.#options = options;
    this.#port = options.port;
  }

  /** The bound port (or the port it had / will bind). */
  get port(): number {
    return this.#port;
  }

  get open(): boolean {
    return this.#server !== null;
  }

  /** Binds and accepts. In ephemeral mode the same port is taken again when it is free, a new one otherwise. */
  async listen(): Promise<void> {
    if (this.#server !== null) return;
    // No `server.maxConnections`: Node closes every connection past it whoever sends it, so one client holding
    // 512 half-open requests made the lab reset every other client; the bounds are per address (#admit).
    const server = createTcpServer({ pauseOnConnect: false }, (socket) => this.#onConnection(socket));
    try {
      await bind(server, this.#options.address, this.#port);
    } catch (error) {
      if (this.#options.port !== 0 || this.#port === 0) throw error;
      await bind(server, this.#options.address, 0);
    }
    server.on("error", (error) => this.#options.logger.warn({ err: error }, "listener error"));
    const address = server.address();
    if (typeof address === "object" && address !== null) this.#port = address.port;
    this.#server = server;
  }

  /**
   * Never opened, ephemeral: takes a port from the kernel and releases it at once, so the listener has a port number
   * that refuses connections (docs/protocol.md §1: "no listener on 5061: connection refused").
   */
  async reservePort(): Promise<void> {
    if (this.#port !== 0 || this.#server !== null) return;
    const server = createTcpServer();
    await bind(server, this.#options.address, 0);
    const address = server.address();
    if (typeof address === "object" && address !== null) this.#port = address.port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Stops accepting (connections are then refused) and destroys every connection. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Presents another certificate from now on (a renewal or a rotation at run time): new handshakes get it. Connections
   * already up keep theirs; the host drops them (sim-server-host.ts `setIdentity`: the services restart to load it).
   */
  setCertificate(cert: string, key: string): void {
    const tls = this.#options.tls;
    if (tls === undefined) return;
    tls.cert = cert;
    tls.key = key;
    // A rotation is rare: a server not made yet is made now, so PEM OpenSSL refuses throws here, to the step.
    if (this.#tlsServer === null) {
      this.#tlsServer = this.#makeTlsServer();
      return;
    }
    // The same context as the server's first, but for the pair: its versions, its ciphers and the CA list it
    // advertises are the listener's, not Node's defaults.
    this.#tlsServer.setSecureContext(this.#contextOptions(tls));
  }

  /** Destroys the connections that are open now (the port stays open). */
  dropConnections(): void {
    for (const socket of this.#sockets) socket.destroy();
  }

  /** The TLS server, made now if this is its first connection; null (socket closed, logged) if OpenSSL refuses the PEM. */
  #tlsServerOrNull(socket: Socket): TlsServer | null {
    try {
      this.#tlsServer ??= this.#makeTlsServer();
      return this.#tlsServer;
    } catch (error) {
      this.#options.logger.error({ err: error }, "the listener's certificate or key was refused; connection closed");
      socket.destroy();
      return null;
    }
  }

  /** What the listener's SecureContext holds: its pair, the CA list, the versions and the ciphers. */
  #contextOptions(tls: SimListenerTls): SecureContextOptions {
    return {
      cert: tls.cert,
      key: tls.key,
      // Node puts every `ca` certificate both in the trust store and in the CertificateRequest's list (OpenSSL
      // SSL_CTX_add_client_CA); with no `ca` the list is empty.
      ...(isManual(tls) ? (tls.advertisedCa?.length === 0 ? {} : { ca: tls.advertisedCa }) : { ca: tls.ca }),
      ...(tls.minVersion === undefined ? {} : { minVersion: tls.minVersion }),
      ...(tls.maxVersion === undefined ? {} : { maxVersion: tls.maxVersion }),
      ...(tls.ciphers === undefined ? {} : { ciphers: tls.ciphers }),
    };
  }

  #makeTlsServer(): TlsServer {
    const tls = this.#options.tls;
    if (tls === undefined) throw new Error("a TLS listener needs its certificate");
    const manual = isManual(tls);
    const server = createTlsServer({
      ...this.#contextOptions(tls),
      requestCert: tls.requestCert,
      rejectUnauthorized: manual ? false : tls.rejectUnauthorized,
      handshakeTimeout: this.#options.handshakeTimeoutMs ?? 10_000,
    });
    server.on("secureConnection", (socket: TLSSocket) => {
      if (manual && !this.#judgeClient(socket, tls)) return;
      this.#serveSip(socket, "tls");
    });
    server.on("tlsClientError", (error: NodeJS.ErrnoException, socket: TLSSocket) => {
      // An untrusted client certificate: Node completes the handshake, sets `authorizationError` and destroys the
      // socket (no alert), so the error itself only says ECONNRESET; the raw socket (`_parent`) kept the address.
      const verifyError = typeof socket.authorizationError === "string" ? socket.authorizationError : (socket.authorizationError as Error | undefined)?.message;
      const code = verifyError ?? (typeof error.code === "string" ? error.code : null);
      const message = verifyError === undefined ? error.message : `client certificate not trusted: ${verifyError}`;
      const raw = (socket as unknown as { _parent?: Socket })._parent;
      const peer = (raw === undefined ? undefined : this.#peers.get(raw)) ?? { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
      try {
        this.#options.onTlsFailure?.({
          peerAddress: peer.address.replace(/^::ffff:/, ""),
          peerPort: peer.port,
          code,
          message,
          kind: verifyError === undefined ? tlsFailureKind(code, error.message) : "untrusted-client-certificate",
        });
      } catch (failure) {
        this.#options.logger.warn({ err: failure }, "TLS failure hook failed");
      }
    });
    return server;
  }

  #limits(): ListenerLimits {
    try {
      return this.#options.limits?.() ?? DEFAULT_LIMITS;
    } catch {
      return DEFAULT_LIMITS;
    }
  }

  /** Reports a drop to the server; its failure never breaks the listener. */
  #report(drop: ListenerDrop): void {
    try {
      this.#options.onDrop?.(drop);
    } catch (error) {
      this.#options.logger.warn({ err: error }, "drop hook failed");
    }
  }

  /**
   * Whether a new connection fits the bounds: the per-address bound first (one client's flood never takes another
   * address's place), then the listener's. A refused connection is destroyed and reported in runs per address.
   */
  #admit(socket: Socket, address: string, limits: ListenerLimits): boolean {
    const open = this.#perAddress.get(address) ?? 0;
    let reason: ListenerDropReason | null = null;
    let limit = 0;
    if (open >= limits.maxConnectionsPerAddress) [reason, limit] = ["connections-per-address", limits.maxConnectionsPerAddress];
    else if (this.#sockets.size >= limits.maxConnections) [reason, limit] = ["connections", limits.maxConnections];
    if (reason === null) return true;
    socket.on("error", () => undefined);
    socket.destroy();
    const key = `${reason} ${address}`;
    const now = Date.now();
    const run = this.#refusals.get(key);
    if (run === undefined || now - run.reportedAt >= REFUSAL_REPORT_MS) {
      this.#refusals.set(key, { reportedAt: now, since: 0 });
      const connections = (run?.since ?? 0) + 1;
      this.#report({ reason, peerAddress: address, peerPort: socket.remotePort ?? 0, limit, connections, bufferedBytes: 0 });
    } else {
      run.since += 1;
    }
    return false;
  }

  /**
   * The lab's check of the client certificate where OpenSSL's is off (`advertisedCa`): refused as OpenSSL would have
   * refused it (a closed connection and the TLS failure hook), accepted with `authorized` set as OpenSSL would.
   */
  #judgeClient(socket: TLSSocket, tls: SimListenerTls): boolean {
    const verdict = verifyClientChain(socket, tls.ca);
    if (verdict.ok) {
      (socket as { authorized: boolean }).authorized = true;
      return true;
    }
    if (!tls.rejectUnauthorized) return true;
    const raw = (socket as unknown as { _parent?: Socket })._parent;
    const peer = (raw === undefined ? undefined : this.#peers.get(raw)) ?? { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 };
    try {
      this.#options.onTlsFailure?.({ peerAddress: peer.address.replace(/^::ffff:/, ""), peerPort: peer.port, code: null, message: verdict.reason, kind: verdict.kind });
    } catch (failure) {
      this.#options.logger.warn({ err: failure }, "TLS failure hook failed");
    }
    socket.destroy();
    return false;
  }

  #onConnection(socket: Socket): void {
    const address = (socket.remoteAddress ?? "").replace(/^::ffff:/, "");
    if (!this.#admit(socket, address, this.#limits())) return;
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.once("close", () => {
      const left = (this.#perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.#perAddress.delete(address);
      else this.#perAddress.set(address, left);
    });
    this.#track(socket);
    this.#peers.set(socket, { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 });
    let gate: ConnectionGate;
    try {
      gate = this.#options.gate();
    } catch {
      gate = "destroy";
    }
    switch (gate) {
      case "destroy":
        socket.destroy();
        return;
      case "black-hole":
        socket.on("data", () => undefined);
        return;
      case "tls-abort":
        if (this.#options.transport === "tcp") {
          socket.destroy();
          return;
        }
        socket.once("data", () => {
          socket.end(HANDSHAKE_FAILURE_ALERT);
          setTimeout(() => socket.destroy(), 1000).unref();
        });
        return;
      case "accept":
        // Answers go out when written, as Kamailio's (built with DISABLE_NAGLE) do: Nagle's algorithm would hold a
        // small answer back while an earlier one is unacknowledged (RFC 896), against a peer's delayed ACKs.
        socket.setNoDelay(true);
        if (this.#options.transport === "tcp") this.#serveSip(socket, "tcp");
        else this.#tlsServerOrNull(socket)?.emit("connection", socket);
        return;
    }
  }

  #track(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.#sockets.delete(socket);
      try {
        this.#options.onClose?.(socket);
      } catch {
        // the host's bookkeeping never breaks the listener
      }
    });
  }

  #serveSip(socket: Socket, protocol: "tcp" | "tls"): void {
    if (protocol === "tls") {
      socket.on("error", () => undefined);
      socket.on("close", () => {
        try {
          this.#options.onClose?.(socket);
        } catch {
          // as above
        }
      });
    }
    const limits = this.#limits();
    const framer = new MessageFramer({ maxHeaderBytes: Math.min(MAX_HEADER_BYTES, limits.maxBufferedBytes), maxBodyBytes: limits.maxBufferedBytes });
    const drop = (reason: ListenerDropReason, limit: number, bufferedBytes: number) => {
      if (socket.destroyed) return;
      this.#report({ reason, peerAddress: (socket.remoteAddress ?? "").replace(/^::ffff:/, ""), peerPort: socket.remotePort ?? 0, limit, connections: 1, bufferedBytes });
      socket.destroy();
    };
    // The time to a complete request (header section and body) runs from the first byte of a request that is
    // still partial, and stops when it completes; an idle connection between requests is kept.
    let requestTimer: NodeJS.Timeout | null = null;
    const stopRequestTimer = () => {
      if (requestTimer !== null) clearTimeout(requestTimer);
      requestTimer = null;
    };
    socket.once("close", stopRequestTimer);
    const maxBad = this.#options.maxBadMessages ?? 20;
    let bad = 0;
    let peerCertificate: InboundRequest["peerCertificate"] | undefined;
    const certificateOf = () => {
      peerCertificate ??= protocol === "tls" ? (socket as TLSSocket).getPeerCertificate(true) : null;
      return peerCertificate;
    };
    socket.on("data", (chunk: Buffer) => {
      // A peer that sends but never reads: the responses it left unread count against its memory too.
      if (socket.writableLength > limits.maxBufferedBytes) {
        drop("buffered-bytes", limits.maxBufferedBytes, socket.writableLength + framer.pendingBytes);
        return;
      }
      let messages: string[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        const code = error instanceof FramingError ? error.code : null;
        if (code === "header-too-large" || code === "body-too-large") drop("buffered-bytes", limits.maxBufferedBytes, chunk.length);
        else this.#options.logger.debug({ err: error }, "closing a connection that broke SIP framing");
        socket.destroy();
        return;
      }
      if (framer.pendingBytes > limits.maxBufferedBytes) {
        drop("buffered-bytes", limits.maxBufferedBytes, framer.pendingBytes);
        return;
      }
      if (messages.length > 0) stopRequestTimer();
      if (framer.pendingBytes > 0 && requestTimer === null && !socket.destroyed) {
        requestTimer = setTimeout(() => drop("request-timeout", limits.requestTimeoutMs, framer.pendingBytes), limits.requestTimeoutMs);
        requestTimer.unref();
      }
      // Pipelined requests (several in one read): their answers leave in one write, encrypted as one TLS record run,
      // instead of a record and a syscall each (Node's stream.cork: uncork on the next tick flushes them together).
      if (messages.length > 1) corkUntilNextTick(socket);
      for (const raw of messages) {
        if (socket.destroyed) return;
        const parsed = parseInbound(raw);
        if (parsed.kind === "response") continue;
        if (parsed.kind !== "request") {
          // Robustness (docs/design.md §5): "Malformed SIP gets 400 where the request can be answered and a clean close
          // where it cannot".
          bad += 1;
          if (parsed.kind === "bad-request" && parsed.reply !== null && bad < maxBad) {
            socket.write(parsed.reply);
            continue;
          }
          if (parsed.kind === "bad-request" && /^ACK /i.test(raw)) continue; // a broken ACK is dropped, never answered
          socket.end();
          setTimeout(() => socket.destroy(), 1000).unref();
          return;
        }
        const message = parsed.message;
        const request = new ListenerRequest(message, raw, socket, protocol, certificateOf);
        try {
          this.#options.onRequest(request);
        } catch (error) {
          this.#options.logger.warn({ err: error }, "simulated server failed on a request");
          if (message.method !== "ACK") request.respond({ status: 500, reason: "Server Internal Error" });
        }
      }
    });
  }
}

function corkUntilNextTick(socket: Socket): void {
  socket.cork();
  process.nextTick(() => socket.uncork());
}

function bind(server: Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
