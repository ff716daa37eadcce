import type { Socket } from "node:net";
import type { Core } from "sip.js";
import type { Logger } from "../../log/logger.js";
import type { CertificateSummary } from "../../model/certificate-summary.js";
import type { ServerRole } from "../../model/server-role.js";
import { buildResponse, type ResponseSpec } from "../net/build-response.js";
import type { InboundRequest } from "../net/inbound-request.js";
import type { NameMap } from "../net/name-map.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import type { Server } from "../topology/topology-resolve.js";
import type { CallStore } from "./call-store.js";
import type { EventLogWriter } from "./event-log.js";
import { responseTiming } from "./server-policy.js";
import type { SimCallTiming, SimLabView, SimListenerInfo, SimPeer, SimRequest, SimServerContext } from "./sim-server.js";
import type { TimerSet } from "./timer-set.js";

/**
 * The {@link SimRequest} a server host hands its role (sim-server-host.ts): the server's context, read through, and
 * the request with the ways to answer it. A class, so that a request costs one object and no closures: the lab makes
 * one per SIP request it receives (docs/design.md §10, "per-message allocations").
 */
export class HostedRequest implements SimRequest {
  readonly message: Core.IncomingRequestMessage;
  /** Whether anything was sent in answer (else a handler's failure is answered 500). */
  sent = false;
  readonly #context: SimServerContext;
  readonly #timers: TimerSet;
  readonly #socket: Socket;
  readonly #method: string;

  constructor(
    context: SimServerContext,
    timers: TimerSet,
    readonly request: InboundRequest,
    readonly listener: SimListenerInfo,
    readonly peer: SimPeer,
  ) {
    this.#context = context;
    this.#timers = timers;
    this.#socket = request.socket;
    this.message = request.message;
    this.#method = request.message.method.toUpperCase();
  }

  server(): Server {
    return this.#context.server();
  }
  get fqdn(): string {
    return this.#context.fqdn;
  }
  get role(): ServerRole {
    return this.#context.role;
  }
  get address(): string {
    return this.#context.address;
  }
  listeners(): readonly SimListenerInfo[] {
    return this.#context.listeners();
  }
  behaviour(): Behaviour {
    return this.#context.behaviour();
  }
  get lab(): SimLabView {
    return this.#context.lab;
  }
  get names(): NameMap {
    return this.#context.names;
  }
  get events(): EventLogWriter {
    return this.#context.events;
  }
  get calls(): CallStore {
    return this.#context.calls;
  }
  get certificate(): CertificateSummary {
    return this.#context.certificate;
  }
  callTiming(): SimCallTiming {
    return this.#context.callTiming();
  }
  get logger(): Logger {
    return this.#context.logger;
  }
  schedule(ms: number, task: () => void): () => void {
    return this.#context.schedule(ms, task);
  }

  /** sim-server.ts: the host applies the server's fault (`slow`, `drop-mid-call`) to what it sends. */
  respond(spec: ResponseSpec): void {
    this.sent = true;
    const text = buildResponse(this.message, spec);
    const timing = responseTiming(this.server(), this.listener.name, this.#method, spec.status);
    if (timing.delayMs > 0) this.#timers.schedule(timing.delayMs, () => this.#write(text));
    else this.#write(text);
    if (timing.dropAfterMs !== null) {
      const socket = this.#socket;
      this.#timers.schedule(timing.delayMs + timing.dropAfterMs, () => {
        this.calls.endOnSocket(socket, "dropped");
        socket.destroy();
      });
    }
  }

  send(text: string): void {
    this.sent = true;
    this.#write(text);
  }

  close(): void {
    const socket = this.#socket;
    socket.end();
    this.#timers.schedule(1000, () => socket.destroy());
  }

  abort(): void {
    this.#socket.destroy();
  }

  delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => this.#timers.schedule(ms, resolve, resolve));
  }

  get closed(): boolean {
    return this.#socket.destroyed || this.#timers.closed;
  }

  #write(text: string): void {
    const socket = this.#socket;
    if (!socket.destroyed && socket.writable) socket.write(text);
  }
}
