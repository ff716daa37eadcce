import { performance } from "node:perf_hooks";
import type { Socket } from "node:net";
import type { UserAgent } from "sip.js";
import type { FramingError } from "./framing-error.js";
import type { MessageTrace } from "./message-trace.js";
import type { SdpExchange } from "./text-session-description-handler.js";
import { createUserAgent, type UserAgentFactoryOptions } from "./user-agent-factory.js";

/** How a connection ended, if it did, while a transaction waited on it. */
export type LinkClosure =
  | { readonly kind: "closed"; readonly error: Error | undefined }
  | { readonly kind: "garbage"; readonly error: FramingError };

/**
 * One started sip.js agent on one connected socket, plus what the harness watches that sip.js does not
 * report (docs/sipjs.md trap 4: "A lost connection is never reported to pending transactions"): the moment the
 * first SIP message arrived (which proves the peer accepted our TLS identity) and how the connection ended.
 */
export interface AgentLink {
  readonly userAgent: UserAgent;
  /** The connected socket the agent sends on. */
  readonly socket: Socket;
  /**
   * performance.now() of the first whole SIP message received, or null; with `since`, of the first one received at
   * or after it (a request sent on a link kept open from an earlier hop).
   */
  firstInboundAt(since?: number): number | null;
  /**
   * Status codes of the provisional (1xx) responses received for `method`, in wire order; with `cseq`, only those
   * to that CSeq number. Read from the wire because sip.js reports a 180 to its delegate only after an async step,
   * often after the final response.
   */
  provisionalStatuses(method: string, cseq?: number): number[];
  /** The offer the next INVITE on this agent carries (an agent kept open across a redirect sends a new one). */
  setOffer(offer: string): void;
  /** The connection is still up: not closed by us, by the peer, nor broken by garbage. */
  isOpen(): boolean;
  /** Resolves when the connection closes or the peer breaks framing; never rejects. */
  readonly closure: Promise<LinkClosure>;
  /**
   * Calls `listener` once when the connection ends (at once, asynchronously, when it already has); the returned
   * function removes it. A link kept open for many requests gives each its own listener and takes it back, where a
   * `.then` on {@link closure} per request would pile up until the connection closed.
   */
  onClosure(listener: (closure: LinkClosure) => void): () => void;
  /**
   * Where the link records what it sends and receives and the SDP it hands out, from now on: the probe using it (a
   * link kept in a {@link ConnectionPool} serves one probe after another).
   */
  use(binding: LinkBinding): void;
  /** Stops the agent and destroys the socket. Safe to call twice; never throws. */
  close(): Promise<void>;
}

/** The probe a link serves at the moment: its trace and its SDP exchange. */
export interface LinkBinding {
  readonly trace: MessageTrace;
  readonly sdp: SdpExchange;
}

/** The agent's options; the link supplies the transport callbacks itself. */
export type AgentLinkOptions = Omit<UserAgentFactoryOptions, "onInbound" | "onClosed" | "onFramingError" | "offer" | "trace" | "sdp"> & {
  readonly trace: MessageTrace;
  readonly sdp?: SdpExchange;
  /** The offer the first INVITE carries (setOffer changes it for the next). */
  readonly offer?: string;
};

/** Inbound messages remembered per link (a link kept open for a run sees many; only the recent ones are asked for). */
const INBOUND_MEMORY = 256;

interface Inbound {
  readonly at: number;
  readonly status: number | null;
  readonly method: string;
  readonly cseq: number | null;
}

export async function openAgentLink(options: AgentLinkOptions): Promise<AgentLink> {
  const inbound: Inbound[] = [];
  let firstInbound: number | null = null;
  let offer = options.offer ?? "";
  let ended: LinkClosure | null = null;
  const listeners = new Set<(closure: LinkClosure) => void>();
  let settle: (closure: LinkClosure) => void = () => undefined;
  const closure = new Promise<LinkClosure>((resolve) => (settle = resolve));
  const end = (value: LinkClosure) => {
    if (ended !== null) return;
    ended = value;
    settle(value);
    for (const listener of [...listeners]) listener(value);
    listeners.clear();
  };
  let binding: LinkBinding = { trace: options.trace, sdp: options.sdp ?? { offer: null, answer: null } };
  const userAgent = createUserAgent({
    ...options,
    // The trace and SDP exchange are read through the binding: a pooled link records into the probe it serves.
    trace: { record: (...entry: Parameters<MessageTrace["record"]>) => binding.trace.record(...entry) },
    sdp: () => binding.sdp,
    offer: () => offer,
    onInbound: (raw) => {
      const at = performance.now();
      firstInbound ??= at;
      const status = /^SIP\/2\.0 (\d\d\d) /.exec(raw);
      const cseq = /^(?:cseq)\s*:\s*(\d+)\s+([A-Za-z]+)/im.exec(raw);
      inbound.push({ at, status: status ? Number(status[1]) : null, method: (cseq?.[2] ?? "").toUpperCase(), cseq: cseq ? Number(cseq[1]) : null });
      if (inbound.length > INBOUND_MEMORY) inbound.shift();
    },
    onClosed: (error) => end({ kind: "closed", error }),
    onFramingError: (error) => end({ kind: "garbage", error }),
  });
  let closed = false;
  const link: AgentLink = {
    userAgent,
    socket: options.socket,
    firstInboundAt: (since) => (since === undefined ? firstInbound : (inbound.find((entry) => entry.at >= since)?.at ?? null)),
    provisionalStatuses: (method, cseq) =>
      inbound
        .filter((entry) => entry.status !== null && entry.status < 200 && entry.method === method && (cseq === undefined || entry.cseq === cseq))
        .map((entry) => entry.status as number),
    setOffer: (text) => (offer = text),
    isOpen: () => !closed && ended === null && !options.socket.destroyed,
    closure,
    onClosure(listener) {
      if (ended !== null) {
        const value = ended;
        queueMicrotask(() => listener(value));
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    use(next) {
      binding = next;
    },
    async close() {
      if (closed) return;
      closed = true;
      // docs/sipjs.md: "start() that rejects leaves the agent started — always stop() in finally".
      await userAgent.stop().catch(() => undefined);
      options.socket.destroy();
    },
  };
  try {
    await userAgent.start();
  } catch (error) {
    await link.close();
    throw error;
  }
  return link;
}

/** Resolves when the link's connection ends or the signal aborts, whichever is first; leaves no listener behind. */
export function untilClosed(link: AgentLink, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      off();
      signal.removeEventListener("abort", done);
      resolve();
    };
    const off = link.onClosure(done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Resolves after ms, or at once when the signal aborts; the timer never keeps the process alive alone. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
