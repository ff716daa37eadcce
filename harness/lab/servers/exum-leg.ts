import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type SecureContext } from "node:tls";
import { secureContextFor } from "../../tls/secure-context-for.js";
import { MessageFramer } from "../../sip/message-framer.js";
import { isLoopbackAddress } from "../../model/loopback-address.js";
import type { SimClientTls } from "./sim-server.js";
import { splitMessage, type SipMessageText } from "./sip-message-text.js";

/** Where a leg connects: the FQDN verified against the server's certificate, the address and port dialled. */
export interface ExumLegTarget {
  readonly fqdn: string;
  readonly address: string;
  readonly port: number;
  readonly transport: "tls" | "tcp";
}

/** What a leg reports: each framed message from the UM server, and its end. */
export interface ExumLegEvents {
  onMessage(message: SipMessageText, raw: string): void;
  onClose(why: string): void;
}

/**
 * One connection of the pool's ExumRouting to a UM server (docs/protocol.md §1: "all server-to-server SIP is MTLS"):
 * mutual TLS with the pool's own certificate, the server's certificate verified against the lab root and the FQDN it
 * was sent to (the pool does not take a certificate that names another server). Loopback only (docs/design.md §5:
 * the lab never leaves the machine).
 */
export class ExumLeg {
  readonly target: ExumLegTarget;
  readonly #socket: Socket;
  #closed = false;

  private constructor(target: ExumLegTarget, socket: Socket, events: ExumLegEvents) {
    this.target = target;
    this.#socket = socket;
    const framer = new MessageFramer({ maxBodyBytes: 64 * 1024 });
    socket.on("data", (chunk: Buffer) => {
      let messages: string[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        this.close();
        events.onClose(`the UM server broke SIP framing: ${(error as Error).message}`);
        return;
      }
      for (const raw of messages) events.onMessage(splitMessage(raw), raw);
    });
    socket.on("close", () => {
      this.#closed = true;
      events.onClose("the UM server closed the connection");
    });
  }

  /** Connects (TCP, then TLS) within `timeoutMs`; resolves to the leg, or to why it could not connect. */
  static open(target: ExumLegTarget, tls: SimClientTls | undefined, timeoutMs: number, events: ExumLegEvents): Promise<ExumLeg | { failure: string }> {
    if (!isLoopbackAddress(target.address)) return Promise.resolve({ failure: `${target.fqdn} resolves to ${target.address}, off loopback: the lab does not connect there` });
    if (target.transport === "tls" && tls === undefined) return Promise.resolve({ failure: "the pool has no client certificate to present" });
    let secureContext: SecureContext | undefined;
    try {
      // One context per identity and trust set, as the client's (docs/design.md §10): a leg per redirected call built
      // one per call before.
      if (target.transport === "tls" && tls !== undefined) {
        secureContext = secureContextFor({ identity: { certPem: tls.certPem, keyPem: tls.keyPem, label: "the pool's certificate" }, caPem: tls.caPem });
      }
    } catch (error) {
      return Promise.resolve({ failure: (error as Error).message });
    }
    return new Promise((resolve) => {
      const socket =
        secureContext !== undefined
          ? connectTls({ host: target.address, port: target.port, servername: target.fqdn, secureContext })
          : connectTcp({ host: target.address, port: target.port });
      let settled = false;
      const settle = (value: ExumLeg | { failure: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        socket.destroy();
        settle({ failure: `no connection to ${target.fqdn}:${target.port} within ${timeoutMs} ms` });
      }, timeoutMs);
      socket.once(target.transport === "tls" ? "secureConnect" : "connect", () => {
        socket.removeAllListeners("error");
        socket.on("error", () => undefined);
        settle(new ExumLeg(target, socket, events));
      });
      socket.once("error", (error: NodeJS.ErrnoException) => {
        socket.destroy();
        settle({ failure: `${target.fqdn}:${target.port}: ${error.code ?? error.message}` });
      });
    });
  }

  /** The local address the pool's connection has (its Via sent-by). */
  get localAddress(): string {
    return (this.#socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  }

  get localPort(): number {
    return this.#socket.localPort ?? 0;
  }

  get closed(): boolean {
    return this.#closed || this.#socket.destroyed;
  }

  write(text: string): void {
    if (!this.closed && this.#socket.writable) this.#socket.write(text);
  }

  close(): void {
    this.#closed = true;
    this.#socket.destroy();
  }
}
