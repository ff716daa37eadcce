import type { Socket } from "node:net";
import type { Emitter, Transport } from "sip.js";
import { EmitterImpl, SipParser, TransportState } from "./sipjs.js";
import type { Logger as SipLogger } from "sip.js/lib/core/log/logger.js";
import { FramingError } from "./framing-error.js";
import { MessageFramer, type MessageFramerOptions } from "./message-framer.js";
import { deliverParsed } from "./parsed-handover.js";
import type { MessageTrace } from "./message-trace.js";
import { rewriteInbound, rewriteOutbound } from "./wire-rewrites.js";

export interface StreamTransportOptions {
  /** An open, connected socket (TCP, or TLS after the handshake): the caller dials and verifies it. */
  socket: Socket;
  /** Becomes the Via token: `TLS` yields `Via: SIP/2.0/TLS host;branch=…`. */
  protocol: "TLS" | "TCP";
  trace: Pick<MessageTrace, "record">;
  framer?: MessageFramerOptions;
  /** Port added to our Via sent-by on send (and stripped from responses before sip.js sees them). */
  viaPort?: number;
  /** Told about every whole inbound message before sip.js: the first response proves the peer accepted us. */
  onInbound?: (raw: string) => void;
  /** The peer broke framing: the connection is closed and this is why. */
  onFramingError?: (error: FramingError) => void;
  /** The socket failed or closed; `error` is the socket error if any (a TLS alert after the handshake lands here). */
  onClosed?: (error: Error | undefined) => void;
}

/**
 * A sip.js Transport over a node:net / node:tls stream (docs/sipjs.md "What the project supplies" 1). sip.js was
 * written for WebSocket, where each frame is one message; here the framer cuts the stream, and the wire
 * rewrites that sip.js needs in Node happen in one place (wire-rewrites.ts).
 */
export class StreamTransport implements Transport {
  readonly protocol: string;
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;

  private _state: TransportState = TransportState.Disconnected;
  private readonly emitter = new EmitterImpl<TransportState>();
  private readonly options: StreamTransportOptions;
  private readonly socket: Socket;
  private readonly framer: MessageFramer;
  private readonly link: { transport: "TLS" | "TCP"; local: string; remote: string };
  private closedError: Error | undefined;
  private closed = false;

  constructor(private readonly logger: SipLogger, options: StreamTransportOptions) {
    this.options = options;
    this.protocol = options.protocol;
    this.socket = options.socket;
    // The client judges every reply as it arrives: bytes that cannot begin SIP are peer-garbage at once, not a timeout.
    this.framer = new MessageFramer({ requireSipStart: true, ...options.framer });
    this.link = {
      transport: options.protocol,
      local: endpoint(this.socket.localAddress, this.socket.localPort),
      remote: endpoint(this.socket.remoteAddress, this.socket.remotePort),
    };
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => {
      this.closedError ??= error;
    });
    this.socket.on("close", () => this.onSocketClosed());
  }

  get state(): TransportState {
    return this._state;
  }

  get stateChange(): Emitter<TransportState> {
    return this.emitter;
  }

  /** The socket is already connected when sip.js asks. */
  async connect(): Promise<void> {
    if (this.closed || this.socket.destroyed) {
      throw this.closedError ?? new Error("connection closed before the user agent started");
    }
    this.transition(TransportState.Connected);
    this.onConnect?.();
  }

  async disconnect(): Promise<void> {
    if (!this.socket.destroyed) this.socket.end();
    this.transition(TransportState.Disconnected);
  }

  async dispose(): Promise<void> {
    this.socket.destroy();
    this.transition(TransportState.Disconnected);
  }

  isConnected(): boolean {
    return this._state === TransportState.Connected && !this.socket.destroyed;
  }

  async send(message: string): Promise<void> {
    if (!this.isConnected()) throw new Error("transport is not connected");
    const wire = rewriteOutbound(message, { viaPort: this.options.viaPort });
    this.options.trace.record("sent", wire, this.link);
    await new Promise<void>((resolve, reject) => this.socket.write(wire, (error) => (error ? reject(error) : resolve())));
  }

  private onData(chunk: Buffer): void {
    let messages: string[];
    try {
      messages = this.framer.push(chunk);
    } catch (error) {
      const framing = error as FramingError;
      // What arrived is evidence too: kept in the trace (every renderer escapes it), at most 2 KiB of it.
      if (framing.code === "not-sip") this.options.trace.record("received", chunk.subarray(0, 2048).toString("latin1"), this.link);
      this.logger.warn(`closing connection to ${this.link.remote}: ${framing.message}`);
      this.options.onFramingError?.(framing);
      this.socket.destroy();
      return;
    }
    for (const raw of messages) {
      this.options.trace.record("received", raw, this.link);
      // sip.js drops a message its parser refuses with a log line, and the request would then wait for its whole
      // bound; the refusal is the peer's answer, judged now (the message is in the trace as it came).
      const text = rewriteInbound(raw);
      const parsed = parseOrRefuse(text);
      if ("refusal" in parsed) {
        const firstLine = raw.slice(0, Math.max(0, raw.indexOf("\r\n")));
        this.logger.warn(`closing connection to ${this.link.remote}: ${parsed.refusal}`);
        this.options.onFramingError?.(new FramingError("unparseable", `${JSON.stringify(firstLine)}: ${parsed.refusal}`, firstLine));
        this.socket.destroy();
        return;
      }
      this.options.onInbound?.(raw);
      try {
        const deliver = this.onMessage;
        if (deliver !== undefined) deliverParsed(text, parsed.message, deliver);
      } catch (error) {
        // docs/sipjs.md: sip.js can throw synchronously on odd inbound text; one bad message must not kill the agent.
        this.logger.warn(`sip.js could not handle a message from ${this.link.remote}: ${(error as Error).message}`);
      }
    }
  }

  private onSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    const wasConnected = this._state === TransportState.Connected;
    this.transition(TransportState.Disconnected);
    this.options.onClosed?.(this.closedError);
    if (wasConnected) this.onDisconnect?.(this.closedError);
  }

  private transition(state: TransportState): void {
    if (this._state === state) return;
    this._state = state;
    this.emitter.emit(state);
  }
}

function endpoint(address: string | undefined, port: number | undefined): string {
  if (address === undefined) return "?";
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * A message as sip.js's parser gives it, or why that parser refuses the whole message (`Error parsing header
 * 'Contact'`). The parsed message goes on to sip.js (parsed-handover.ts), which would otherwise parse it again.
 */
function parseOrRefuse(text: string): { message: NonNullable<ReturnType<typeof SipParser.parseMessage>> } | { refusal: string } {
  const complaints: string[] = [];
  const record = (message: unknown) => complaints.push(String(message));
  const logger = { error: record, warn: record, log: () => undefined, debug: () => undefined } as unknown as Parameters<typeof SipParser.parseMessage>[1];
  try {
    const message = SipParser.parseMessage(text, logger);
    if (message !== undefined) return { message };
  } catch (error) {
    return { refusal: `sip.js cannot parse it (${(error as Error).message})` };
  }
  return { refusal: `sip.js cannot parse it${complaints.length === 0 ? "" : ` (${complaints.join("; ")})`}` };
}
