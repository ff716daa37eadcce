import type { Socket } from "node:net";
import type { Core } from "sip.js";
import type { Logger } from "../../log/logger.js";
import type { CertificateSummary } from "../../model/certificate-summary.js";
import type { TlsVersion } from "../../tls/tls-version.js";
import type { ListenerName } from "../topology/address-plan-listeners.js";
import type { ResponseSpec } from "../net/build-response.js";
import type { CallStore } from "./call-store.js";
import type { EventLogWriter } from "./event-log.js";
import type { NameMap } from "../net/name-map.js";
import type { InboundRequest } from "../net/inbound-request.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import type { Server } from "../topology/topology-resolve.js";
import type { ServerRole } from "../../model/server-role.js";
import type { Topology } from "../topology/topology-schema.js";

/**
 * # The simulated-server framework (docs/design.md §5 "The embedded lab")
 *
 * `startLab` (lab.ts) starts one **server host** per topology server. The host owns everything that is the same for
 * every role, so a role's handler only decides what its product answers:
 * - the listeners of the role (address-plan-listeners.ts), opened per UMStartupMode for Exchange roles
 *   (docs/protocol.md §1 "UMStartupMode"), always for the others;
 * - mutual TLS with the server's topology `certificate` from the lab PKI, trusting the lab root; by default the
 *   handshake requires a client certificate from the lab root and is aborted otherwise (docs/protocol.md §5: "TLS itself
 *   fails …: no SIP response at all"); the handler is told (`onTlsFailure`) so it can write its event (1649/1113);
 * - framing, parsing (sip.js's parser, at a fraction of its cost: net/sip-message-parser.ts) and `400 Bad Request` for
 *   malformed requests that can be answered;
 * - the server's **state** and **fault** (topology-server-state.ts, topology-fault.ts), applied before the handler
 *   sees anything: `stopped` → connections refused (or black-holed); `disabled` → new INVITEs get
 *   `behaviour.disabledAnswer` (default 503) and OPTIONS/in-dialog requests still reach the handler; `faulty` →
 *   refuse / black-hole / tls-abort / slow / service-unavailable / drop-mid-call / garbage, scoped by the fault's
 *   `listeners` and `methods`. A handler never has to check the state or the fault itself;
 * - one bad connection never affects another; everything it opened is closed by `close()` under a deadline.
 *
 * A **role** is registered as a {@link SimHandlerFactory} in a {@link SimRoleRegistry} (role → factory):
 * `startLab({ roles })` merges the given registry over the built-in one (sim-roles.ts), which takes the Exchange
 * roles from sim-roles-exchange.ts and the Lync roles (pool, mediation, owa) from sim-roles-lync.ts.
 *
 * A handler answers through the {@link SimRequest} it receives: `respond` (the host applies `slow`, `garbage`,
 * `drop-mid-call` to what it sends), or `close`/`abort` the connection, or nothing at all (black-hole), possibly after
 * `await request.delay(ms)`. It may keep a call in `request.calls` and later send in-dialog requests (BYE) with
 * `request.send` on the same connection.
 */

/** One listener of a simulated server as bound. */
export interface SimListenerInfo {
  readonly name: ListenerName;
  /** `tls` is mutual TLS. */
  readonly transport: "tcp" | "tls";
  readonly address: string;
  /** The bound port (the real one, or the kernel's in ephemeral mode). */
  readonly port: number;
  /** The port the real product listens on (docs/protocol.md §1). */
  readonly realPort: number;
  /** Whether it accepts connections now (UMStartupMode, state `stopped`, fault `refuse`). */
  readonly open: boolean;
  readonly description: string;
}

/** A simulated server's own TLS client credentials (PEM). */
export interface SimClientTls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: readonly string[];
}

/** Who sent a request, as the server sees it. */
export interface SimPeer {
  readonly address: string;
  readonly port: number;
  readonly transport: "tcp" | "tls";
  /** The client certificate the peer presented, summarised; null over TCP or when it sent none. */
  readonly certificate: CertificateSummary | null;
  /** Whether TLS verified that certificate against the lab root (false over TCP or without one). */
  readonly verified: boolean;
  /**
   * The certificate's DNS names, lower case: the Subject CN then every SAN `DNS:` entry (wildcards kept as written).
   * docs/protocol.md §5: Exchange "matches the peer certificate's subject/SAN names" against its trusted peers.
   */
  readonly names: readonly string[];
}

/** What the rest of the lab looks like to a handler, read at each call (changes apply at once). */
export interface SimLabView {
  /** The topology as it is now (gateway statuses, server states changed while running are reflected). */
  topology(): Topology;
  /** A server of the topology by FQDN (any case), as it is now. */
  server(fqdn: string): Server | undefined;
  /**
   * The bound port of a listener of a server (e.g. the Mailbox UM service's `um-tls`, for the Call Router's 302
   * Contact): the real port, or the kernel's in ephemeral mode; undefined when the server has no such listener.
   */
  boundPort(fqdn: string, listener: ListenerName): number | undefined;
  /** The address of a server (its own, not what the name map says now). */
  addressOf(fqdn: string): string | undefined;
}

/** What every handler of one server shares (given to the factory, and again on each request). */
export interface SimServerContext {
  /** The server's topology entry as it is now (`state` follows setServerState). */
  server(): Server;
  readonly fqdn: string;
  readonly role: ServerRole;
  /** Its own loopback address. */
  readonly address: string;
  /** Its listeners (bound ports). */
  listeners(): readonly SimListenerInfo[];
  /** The topology's behaviour settings: every [INF] value of docs/protocol.md with its default. */
  behaviour(): Behaviour;
  readonly lab: SimLabView;
  /** The lab's name map (the "DNS A records"). */
  readonly names: NameMap;
  /** This server's event log writer. */
  readonly events: EventLogWriter;
  /** The lab's calls. */
  readonly calls: CallStore;
  /** The certificate this server presents (its topology `certificate`), summarised. */
  readonly certificate: CertificateSummary;
  /**
   * What the server presents and trusts when it connects out itself (the pool's ExumRouting to Exchange UM: "all
   * server-to-server SIP is MTLS", docs/protocol.md §1): its own certificate chain and key, and the lab root. Never
   * logged. Absent in handler tests that build a context by hand.
   */
  readonly clientTls?: SimClientTls;
  /** How this server times the calls it answers (`lab.setCallTiming`); read at each call. */
  callTiming(): SimCallTiming;
  readonly logger: Logger;
  /**
   * Runs `task` after `ms` unless the lab closes first; returns the function that cancels it. For mid-call BYEs and
   * other timed acts (the host clears every pending timer on close).
   */
  schedule(ms: number, task: () => void): () => void;
}

/**
 * Timing of the calls a server answers, changeable while the lab runs (`lab.setCallTiming`). Not a topology
 * setting: scenarios and tests use it to make CANCEL and a far-end BYE happen.
 */
export interface SimCallTiming {
  /** Hold the final answer to an INVITE this long after 100 Trying / 180 Ringing (a CANCEL meanwhile gets 487). @defaultValue 0 */
  readonly answerAfterMs: number;
  /** End an answered call with a BYE from the server this long after the ACK; null: never. @defaultValue null */
  readonly byeAfterMs: number | null;
}

/** One request at one simulated server: the request, where it came from, and how to answer. */
export interface SimRequest extends SimServerContext {
  /** The request as received (sip.js message, raw text, socket, transport). */
  readonly request: InboundRequest;
  /** Shortcut for `request.message`. */
  readonly message: Core.IncomingRequestMessage;
  /** The listener it came on. */
  readonly listener: SimListenerInfo;
  readonly peer: SimPeer;
  /**
   * Sends a response on the connection the request came on (RFC 3261 §18.2.2). The host applies the server's fault:
   * `slow` delays it, `garbage` replaces it, `drop-mid-call` closes the connection `afterMs` after a 2xx to INVITE.
   */
  respond(spec: ResponseSpec): void;
  /** Sends raw text on the same connection (an in-dialog request such as BYE: build-request.ts). */
  send(text: string): void;
  /** Ends the connection cleanly (FIN) once what was written is flushed. */
  close(): void;
  /** Destroys the connection at once (RST where the kernel does). */
  abort(): void;
  /** Resolves after `ms`, or at once when the lab closes (then `closed` is true). */
  delay(ms: number): Promise<void>;
  /** Whether the lab (or this connection) is closing: stop working on the request. */
  readonly closed: boolean;
}

/** A TLS handshake a server's listener refused (no SIP request ever arrived). */
export interface SimTlsFailure {
  readonly listener: SimListenerInfo;
  readonly peerAddress: string;
  readonly peerPort: number;
  /** OpenSSL's code, e.g. `ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  readonly code: string | null;
  readonly message: string;
  /** What the host concluded: the peer sent no certificate, an untrusted one, or something else went wrong. */
  readonly kind: "no-client-certificate" | "untrusted-client-certificate" | "other";
}

/** How a TLS listener treats client certificates (per listener; the host's default is strict mutual TLS). */
export interface SimTlsPolicy {
  /** Ask for a client certificate. @defaultValue true */
  readonly requestCert?: boolean;
  /** Abort the handshake when none or an untrusted one arrives. @defaultValue true */
  readonly rejectUnauthorized?: boolean;
  /** Cap the TLS version (docs/peers.md: under 1.2 a rejected client certificate fails during the handshake). */
  readonly maxVersion?: TlsVersion;
}

/** What a role does with requests. Only `onRequest` is required. */
export interface SimHandler {
  /**
   * Every request that passed the host's state and fault checks, framed and parsed. Exceptions (and rejected
   * promises) are caught by the host: the request is answered `500 Server Internal Error` if nothing was sent yet.
   */
  onRequest(request: SimRequest): void | Promise<void>;
  /** A handshake refused on one of the server's TLS listeners (write the event the product would: 1649, 1113 …). */
  onTlsFailure?(failure: SimTlsFailure): void;
  /** The TLS policy of one TLS listener; the host's strict mutual TLS when absent or undefined. */
  tlsPolicy?(listener: ListenerName): SimTlsPolicy | undefined;
  /** Called once when the lab closes (after the listeners stopped accepting). */
  close?(): void | Promise<void>;
}

/** Makes the handler of one server. Called once per server when the lab starts. */
export type SimHandlerFactory = (context: SimServerContext) => SimHandler;

/** Role → handler factory. `startLab({ roles })` merges a partial registry over the built-in one. */
export type SimRoleRegistry = Readonly<Partial<Record<ServerRole, SimHandlerFactory>>>;

/** The socket a request came on (for a handler that keeps it, e.g. in a CallRecord). */
export type SimSocket = Socket;
