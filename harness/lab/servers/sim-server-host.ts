import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Logger } from "../../log/logger.js";
import type { CertificateSummary } from "../../model/certificate-summary.js";
import { peerCertificateSummary } from "../../tls/peer-certificate-summary.js";
import type { TlsVersion } from "../../tls/tls-version.js";
import type { PlannedServer } from "../net/address-plan.js";
import type { CallStore } from "./call-store.js";
import type { EventLogWriter } from "./event-log.js";
import { HostedRequest } from "./hosted-request.js";
import type { NameMap } from "../net/name-map.js";
import { peerNames } from "../net/peer-names.js";
import { SimListener, type ConnectionGate } from "../net/sim-listener.js";
import { listenerDropEvent } from "./listener-drop-event.js";
import { eventLevelOf, LAB_EVENT_IDS } from "./lab-event-ids.js";
import type {
  SimCallTiming,
  SimHandler,
  SimHandlerFactory,
  SimLabView,
  SimListenerInfo,
  SimPeer,
  SimServerContext,
} from "./sim-server.js";
import type { InboundRequest } from "../net/inbound-request.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import type { Server } from "../topology/topology-resolve.js";
import { addressFamilyAllows, connectionGate, listenerOpen, requestDecision, startupModeAllows } from "./server-policy.js";
import { ciphersForVersions } from "../../tls/tls-version.js";
import type { TimerSet } from "./timer-set.js";

/** What a server host needs from the lab. */
export interface SimServerHostOptions {
  /** The server's entry in the lab's live topology (state and fault are read from it at each connection/request). */
  server: () => Server;
  planned: PlannedServer;
  identity: { certPem: string; keyPem: string; summary: CertificateSummary };
  caPem: string[];
  factory: SimHandlerFactory;
  behaviour: () => Behaviour;
  lab: SimLabView;
  names: NameMap;
  events: EventLogWriter;
  calls: CallStore;
  callTiming: () => SimCallTiming;
  timers: TimerSet;
  logger: Logger;
  /** Whether the lab is closing. */
  closing: () => boolean;
  /**
   * The CA names the server's CertificateRequest lists when they are not its trust list (topology
   * `certificateRequest`, the lab's client-ca-list.ts), and whether Schannel's bound cut them.
   */
  certificateRequest?: { advertisedCaPem: string[]; truncated: boolean };
  /** Caps the TLS version of every listener unless the role's tlsPolicy says otherwise. */
  maxTlsVersion?: TlsVersion;
}

interface HostedListener {
  readonly spec: PlannedServer["listeners"][number];
  readonly listener: SimListener;
  /** Whether the server's UMStartupMode opens it at all (docs/protocol.md §1). */
  readonly allowed: boolean;
}


/**
 * Runs one simulated server (sim-server.ts explains the split): its listeners, its state and fault, and the role
 * handler behind them.
 */
export class SimServerHost {
  readonly fqdn: string;
  readonly #options: SimServerHostOptions;
  readonly #handler: SimHandler;
  readonly #listeners: HostedListener[] = [];
  readonly #context: SimServerContext;
  readonly #peers = new WeakMap<Socket, SimPeer>();
  #applying: Promise<void> = Promise.resolve();
  #identity: SimServerHostOptions["identity"];

  private constructor(options: SimServerHostOptions) {
    this.#options = options;
    this.#identity = options.identity;
    const identityOf = () => this.#identity;
    this.fqdn = options.planned.fqdn;
    const { planned } = options;
    this.#context = {
      server: options.server,
      fqdn: planned.fqdn,
      role: planned.role,
      address: planned.address,
      listeners: () => this.listeners(),
      behaviour: options.behaviour,
      lab: options.lab,
      names: options.names,
      events: options.events,
      calls: options.calls,
      get certificate() {
        return identityOf().summary;
      },
      // The server's own credentials as a TLS client (the pool toward Exchange): the certificate it presents now.
      get clientTls() {
        const identity = identityOf();
        return { certPem: identity.certPem, keyPem: identity.keyPem, caPem: options.caPem };
      },
      callTiming: options.callTiming,
      logger: options.logger,
      schedule: (ms, task) => options.timers.schedule(ms, task),
    };
    this.#handler = options.factory(this.#context);
    for (const spec of planned.listeners) {
      const allowed = startupModeAllows(options.server(), spec.transport) && addressFamilyAllows(options.server(), planned.address);
      const policy = spec.transport === "tls" ? (this.#handler.tlsPolicy?.(spec.name) ?? {}) : {};
      // A server's own TLS range (topology `tlsVersions`, docs/protocol.md §10) wins over the lab-wide maximum.
      const range = options.server().tlsVersions;
      const maxVersion = range?.max ?? policy.maxVersion ?? options.maxTlsVersion;
      const minVersion = range?.min;
      const ciphers = ciphersForVersions(minVersion);
      const listener = new SimListener({
        address: planned.address,
        port: spec.port,
        transport: spec.transport,
        ...(spec.transport === "tls"
          ? {
              tls: {
                cert: options.identity.certPem,
                key: options.identity.keyPem,
                ca: options.caPem,
                requestCert: policy.requestCert ?? true,
                rejectUnauthorized: policy.rejectUnauthorized ?? policy.requestCert ?? true,
                ...(maxVersion === undefined ? {} : { maxVersion }),
                ...(minVersion === undefined ? {} : { minVersion }),
                ...(ciphers === undefined ? {} : { ciphers }),
                ...(options.certificateRequest === undefined ? {} : { advertisedCa: options.certificateRequest.advertisedCaPem }),
              },
            }
          : {}),
        gate: () => this.#gate(spec.name),
        onRequest: (request) => this.#dispatch(spec.name, request),
        onTlsFailure: (failure) => {
          if (this.#options.closing()) return;
          this.#handler.onTlsFailure?.({ ...failure, listener: this.#info(spec.name) });
        },
        onClose: (socket) => options.calls.endOnSocket(socket, "connection-lost"),
        limits: () => options.behaviour().listenerLimits,
        onDrop: (drop) => {
          if (this.#options.closing()) return;
          const event = listenerDropEvent(drop, spec.name);
          options.events.write(event.eventId, event.level, event.message, event.details);
        },
        logger: options.logger.child({ listener: spec.name }),
      });
      this.#listeners.push({ spec, listener, allowed });
    }
  }

  /** Makes the handler, binds every listener the server's startup mode and state allow. */
  static async start(options: SimServerHostOptions): Promise<SimServerHost> {
    const host = new SimServerHost(options);
    if (options.certificateRequest?.truncated === true) {
      // The System log's Schannel warning, as KB 933430 quotes it.
      const id = LAB_EVENT_IDS.schannelCaListTruncated;
      options.events.write(
        id,
        eventLevelOf(id),
        "When asking for client authentication, this server sends a list of trusted certificate authorities to the client. The client uses this list to choose a client certificate that is trusted by the server. Currently, this server trusts so many certificate authorities that the list has grown too long. This list has thus been truncated.",
        { source: "Schannel", listed: options.certificateRequest.advertisedCaPem.length },
      );
    }
    try {
      await host.apply();
    } catch (error) {
      await host.close();
      throw error;
    }
    return host;
  }

  /**
   * Presents another certificate on every TLS listener from the next handshake on (lab.ts `setCertificate`), and drops
   * the TLS connections that are up: a UM server loads a new certificate when its services restart ("Restart the
   * Microsoft Exchange Unified Messaging service and the Unified Messaging Call Router service on all Exchange servers to
   * load the required certificates", Checklist: Deploy Exchange 2013 UM; docs/protocol.md §5), so its peers reconnect.
   */
  setIdentity(identity: SimServerHostOptions["identity"]): void {
    this.#identity = identity;
    for (const hosted of this.#listeners) {
      hosted.listener.setCertificate(identity.certPem, identity.keyPem);
      if (hosted.spec.transport === "tls") hosted.listener.dropConnections();
    }
  }

  /** The server's listeners as bound now. */
  listeners(): SimListenerInfo[] {
    return this.#listeners.map((hosted) => this.#info(hosted.spec.name));
  }

  /**
   * Opens and closes listeners after the server's state and fault (call after changing either):
   * closed when the startup mode does not open it, when the server is `stopped` (behaviour.stoppedServer refuse),
   * `disabled` with behaviour.disabledAnswer.refuse, or `faulty` with a `refuse` fault on that listener.
   * Changes run one after another.
   */
  apply(): Promise<void> {
    this.#applying = this.#applying.catch(() => undefined).then(() => this.#applyNow());
    return this.#applying;
  }

  async close(): Promise<void> {
    await this.#applying.catch(() => undefined);
    await Promise.all(this.#listeners.map((hosted) => hosted.listener.stop()));
    await this.#handler.close?.();
  }

  async #applyNow(): Promise<void> {
    for (const hosted of this.#listeners) {
      const open = hosted.allowed && this.#wantsOpen(hosted.spec.name);
      if (open) await hosted.listener.listen();
      else {
        await hosted.listener.stop();
        await hosted.listener.reservePort();
      }
    }
  }

  #wantsOpen(listener: string): boolean {
    return listenerOpen(this.#options.server(), this.#options.behaviour(), listener);
  }

  #info(name: string): SimListenerInfo {
    const hosted = this.#listeners.find((entry) => entry.spec.name === name);
    if (hosted === undefined) throw new Error(`${this.fqdn} has no listener ${name}`);
    return {
      name: hosted.spec.name,
      transport: hosted.spec.transport,
      address: this.#options.planned.address,
      port: hosted.listener.port,
      realPort: hosted.spec.realPort,
      open: hosted.listener.open,
      description: hosted.spec.description,
    };
  }

  #gate(listener: string): ConnectionGate {
    if (this.#options.closing()) return "destroy";
    return connectionGate(this.#options.server(), listener);
  }

  #peer(request: InboundRequest): SimPeer {
    const known = this.#peers.get(request.socket);
    if (known !== undefined) return known;
    const socket = request.socket;
    let certificate: CertificateSummary | null = null;
    let verified = false;
    if (request.protocol === "tls") {
      const tls = socket as TLSSocket;
      try {
        certificate = peerCertificateSummary(tls);
      } catch {
        certificate = null;
      }
      verified = certificate !== null && tls.authorized;
    }
    const peer: SimPeer = {
      address: (socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
      port: socket.remotePort ?? 0,
      transport: request.protocol,
      certificate,
      verified,
      names: peerNames(certificate),
    };
    this.#peers.set(socket, peer);
    return peer;
  }

  #dispatch(listenerName: string, inbound: InboundRequest): void {
    const { message, socket } = inbound;
    const method = message.method.toUpperCase();
    if (this.#options.closing()) return;
    const decision = requestDecision(this.#options.server(), this.#options.behaviour(), listenerName, { method, toTag: message.toTag });
    if (decision.kind === "drop") return;
    if (decision.kind === "respond") {
      inbound.respond({ status: decision.status, reason: decision.reason });
      return;
    }
    if (decision.kind === "write") {
      if (!socket.destroyed) socket.write(decision.text);
      return;
    }
    const request = new HostedRequest(this.#context, this.#options.timers, inbound, this.#info(listenerName), this.#peer(inbound));
    try {
      const result = this.#handler.onRequest(request);
      if (result instanceof Promise) result.catch((error: unknown) => this.#failed(request, method, error));
    } catch (error) {
      this.#failed(request, method, error);
    }
  }

  #failed(request: HostedRequest, method: string, error: unknown): void {
    this.#options.logger.warn({ err: error, method }, "simulated server failed on a request");
    if (!request.sent && method !== "ACK") request.respond({ status: 500, reason: "Server Internal Error" });
  }
}
