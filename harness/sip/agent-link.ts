import { performance } from "node:perf_hooks";
import type { UserAgent } from "sip.js";
import type { FramingError } from "./framing-error.js";
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
  /** performance.now() of the first whole SIP message received, or null. */
  firstInboundAt(): number | null;
  /**
   * Status codes of the provisional (1xx) responses received for `method`, in wire order. Read from the wire
   * because sip.js reports a 180 to its delegate only after an async step, often after the final response.
   */
  provisionalStatuses(method: string): number[];
  /** Resolves when the connection closes or the peer breaks framing; never rejects. */
  readonly closure: Promise<LinkClosure>;
  /** Stops the agent and destroys the socket. Safe to call twice; never throws. */
  close(): Promise<void>;
}

/** The agent's options; the link supplies the transport callbacks itself. */
export type AgentLinkOptions = Omit<UserAgentFactoryOptions, "onInbound" | "onClosed" | "onFramingError">;

export async function openAgentLink(options: AgentLinkOptions): Promise<AgentLink> {
  let firstInbound: number | null = null;
  const provisional: Array<{ status: number; method: string }> = [];
  let settle: (closure: LinkClosure) => void = () => undefined;
  const closure = new Promise<LinkClosure>((resolve) => (settle = resolve));
  const userAgent = createUserAgent({
    ...options,
    onInbound: (raw) => {
      firstInbound ??= performance.now();
      const status = /^SIP\/2\.0 (1\d\d) /.exec(raw);
      if (status) {
        const cseq = /^(?:cseq)\s*:\s*\d+\s+([A-Za-z]+)/im.exec(raw);
        provisional.push({ status: Number(status[1]), method: (cseq?.[1] ?? "").toUpperCase() });
      }
    },
    onClosed: (error) => settle({ kind: "closed", error }),
    onFramingError: (error) => settle({ kind: "garbage", error }),
  });
  let closed = false;
  const link: AgentLink = {
    userAgent,
    firstInboundAt: () => firstInbound,
    provisionalStatuses: (method) => provisional.filter((p) => p.method === method).map((p) => p.status),
    closure,
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
