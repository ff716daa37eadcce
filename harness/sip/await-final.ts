import { performance } from "node:perf_hooks";
import type { Core } from "sip.js";
import type { AgentLink, LinkClosure } from "./agent-link.js";
import { responseFacts, type ResponseFacts } from "./response-facts.js";

/** The response callbacks sip.js calls on an outgoing request (docs/sipjs.md "Responses arrive by class"). */
export interface ResponseDelegate {
  onTrying(response: Core.IncomingResponse): void;
  onProgress(response: Core.IncomingResponse): void;
  onAccept(response: Core.IncomingResponse): void;
  onRedirect(response: Core.IncomingResponse): void;
  onReject(response: Core.IncomingResponse): void;
}

/** How waiting for a final response ended. */
export type FinalOutcome =
  | { readonly kind: "final"; readonly response: ResponseFacts }
  /** No final response within the bound (provisional ones may have come). */
  | { readonly kind: "timeout" }
  /** sip.js made up a 408 or 503 itself (its own timer or a send failure): not the server's answer. */
  | { readonly kind: "synthetic"; readonly status: number }
  | { readonly kind: "closed"; readonly closure: LinkClosure }
  | { readonly kind: "aborted" };

export interface FinalWait {
  readonly outcome: FinalOutcome;
  /** performance.now() when the request was handed to sip.js. */
  readonly sentAt: number;
}

/**
 * Sends a request through `send` and waits for its final response, bounded by `timeoutMs`, racing the
 * connection's end (docs/sipjs.md trap 4: the harness owns every timeout and watches the transport itself) and
 * the abort signal. Never rejects for anything the peer does.
 */
export async function awaitFinal(
  link: AgentLink,
  send: (delegate: ResponseDelegate) => void,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<FinalWait> {
  const sentAt = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let offClosure: (() => void) | undefined;
  const outcome = await new Promise<FinalOutcome>((resolve) => {
    const final = (response: Core.IncomingResponse) => {
      const facts = responseFacts(response.message);
      resolve(facts === null ? { kind: "synthetic", status: response.message.statusCode ?? 0 } : { kind: "final", response: facts });
    };
    // Provisional responses are read from the wire by the AgentLink (sip.js reports them late).
    const interim = () => undefined;
    timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
    onAbort = () => resolve({ kind: "aborted" });
    if (signal?.aborted) return resolve({ kind: "aborted" });
    signal?.addEventListener("abort", onAbort, { once: true });
    offClosure = link.onClosure((closure) => resolve({ kind: "closed", closure }));
    try {
      send({ onTrying: interim, onProgress: interim, onAccept: final, onRedirect: final, onReject: final });
    } catch (error) {
      resolve({ kind: "closed", closure: { kind: "closed", error: error as Error } });
    }
  });
  clearTimeout(timer);
  offClosure?.();
  if (onAbort) signal?.removeEventListener("abort", onAbort);
  return { outcome, sentAt };
}
