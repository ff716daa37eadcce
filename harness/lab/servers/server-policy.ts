import type { ConnectionGate } from "../net/sim-listener.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import type { MediaFaults } from "../../media/media-plan.js";
import type { Fault } from "../topology/topology-fault.js";
import type { Server } from "../topology/topology-resolve.js";
import { EXCHANGE_ROLES } from "../topology/topology-role.js";
import { startupModeOpens } from "../topology/topology-startup-mode.js";

/**
 * What a simulated server does because of its state (`running`, `stopped`, `disabled`, `faulty`) and its fault
 * (topology-fault.ts), decided in one place: which listeners are open, what happens to a new connection, to a
 * request, and to a response. sim-server-host.ts only carries these decisions out; a lab change (a scenario's `lab:`
 * step, `exum lab`) changes the server's entry and the next decision follows it.
 */

/**
 * Whether the server's UMStartupMode opens listeners of this transport at all (docs/protocol.md §1 "UMStartupMode
 * [DOC]": TCP opens only the TCP listener, TLS only the TLS listener, Dual both); other products open every one.
 */
export function startupModeAllows(server: Server, transport: "tcp" | "tls"): boolean {
  return !isExchange(server) || !("startupMode" in server) || startupModeOpens(server.startupMode, transport);
}

/**
 * Whether the server's product listens on an address of this family: Exchange 2013 and later (UCMA 4) can be reached
 * over IPv6, Exchange 2010 cannot (docs/protocol.md §1 "IPv6" [DOC, seed]); Lync / SfB servers are taken to listen on
 * both [INF]. An IPv6 lab (topology `addressFamily: ipv6`) therefore opens no listener of an Exchange 2010 server: its
 * ports refuse connections.
 */
export function addressFamilyAllows(server: Server, address: string): boolean {
  return !(address.includes(":") && server.role === "exchange2010");
}

/** Whether a fault applies to a listener and (for request-level faults) a method. */
export function faultApplies(fault: Fault | undefined, listener: string, method?: string): fault is Fault {
  if (fault === undefined) return false;
  if (fault.listeners !== undefined && !(fault.listeners as readonly string[]).includes(listener)) return false;
  if (method !== undefined && fault.methods !== undefined && !fault.methods.includes(method.toUpperCase())) return false;
  return true;
}

/** The fault in force: a fault is applied only while the server is `faulty`. */
function activeFault(server: Server): Fault | undefined {
  return server.state === "faulty" ? server.fault : undefined;
}

function isExchange(server: Server): boolean {
  return EXCHANGE_ROLES.includes(server.role);
}

/**
 * Whether a listener (that the startup mode opens) is listening: closed when the server is `stopped` and
 * behaviour.stoppedServer is `refuse` (docs/protocol.md §7: a stopped service "refuses connections (TCP RST) or times
 * out"), `disabled` Exchange with behaviour.disabledAnswer.refuse, or `faulty` with a `refuse` fault on it.
 */
export function listenerOpen(server: Server, behaviour: Behaviour, listener: string): boolean {
  if (server.state === "stopped") return behaviour.stoppedServer !== "refuse";
  if (server.state === "disabled") return !(isExchange(server) && behaviour.disabledAnswer.refuse);
  const fault = activeFault(server);
  if (fault?.kind === "refuse") return !faultApplies(fault, listener);
  return true;
}

/** What happens to a new connection on an open listener. */
export function connectionGate(server: Server, listener: string): ConnectionGate {
  // docs/protocol.md §7: a stopped service "refuses connections (TCP RST) or times out" (behaviour.stoppedServer).
  if (server.state === "stopped") return "black-hole";
  const fault = activeFault(server);
  if (faultApplies(fault, listener)) {
    // docs/protocol.md §5: an unusable certificate gives "no SIP response at all; the handshake is aborted".
    if (fault.kind === "tls-abort") return "tls-abort";
    if (fault.kind === "refuse") return "destroy";
  }
  return "accept";
}

/** What happens to a request before the role sees it. */
export type RequestDecision =
  | { readonly kind: "pass" }
  /** Nothing is answered (black-hole). */
  | { readonly kind: "drop" }
  | { readonly kind: "respond"; readonly status: number; readonly reason: string }
  /** `text` is written instead of a response (garbage). */
  | { readonly kind: "write"; readonly text: string };

export function requestDecision(server: Server, behaviour: Behaviour, listener: string, request: { readonly method: string; readonly toTag: string | undefined }): RequestDecision {
  const method = request.method.toUpperCase();
  const fault = activeFault(server);
  if (faultApplies(fault, listener, method)) {
    if (fault.kind === "black-hole") return { kind: "drop" };
    // An ACK is never answered (RFC 3261 §17.1.1.3), so the request-level faults leave it unanswered too.
    if (fault.kind === "service-unavailable") return method === "ACK" ? { kind: "drop" } : { kind: "respond", status: fault.status, reason: fault.reason };
    if (fault.kind === "garbage") return method === "ACK" ? { kind: "drop" } : { kind: "write", text: fault.text };
  }
  // docs/protocol.md §7: "Exchange 2010 `Disable-UMService`: the server takes no new calls [DOC] (wire behaviour
  // unknown: default refuse new INVITEs with 503, configurable)"; applied to every disabled Exchange server.
  if (server.state === "disabled" && isExchange(server) && method === "INVITE" && request.toTag === undefined) {
    return { kind: "respond", status: behaviour.disabledAnswer.status, reason: behaviour.disabledAnswer.reason };
  }
  return { kind: "pass" };
}

/** How a response the role sends goes out: held back (`slow`), and for an answered INVITE, the connection dropped later. */
export interface ResponseTiming {
  readonly delayMs: number;
  /** After the response is written: the connection is closed this long later without a BYE (`drop-mid-call`). */
  readonly dropAfterMs: number | null;
}

export function responseTiming(server: Server, listener: string, method: string, status: number): ResponseTiming {
  const upper = method.toUpperCase();
  const fault = activeFault(server);
  if (!faultApplies(fault, listener, upper)) return { delayMs: 0, dropAfterMs: null };
  const delayMs = fault.kind === "slow" ? fault.delayMs : 0;
  // topology-fault.ts: "calls are answered, then the connection is closed `afterMs` later without a BYE".
  const dropAfterMs = fault.kind === "drop-mid-call" && upper === "INVITE" && status >= 200 && status < 300 ? fault.afterMs : null;
  return { delayMs, dropAfterMs };
}

/**
 * The media misbehaviour of a call answered at `listener` (a `media` fault, docs/media.md §8), as the media session's
 * faults; none when the server is not faulty or its fault is another kind.
 */
export function mediaFaultsOf(server: Server, listener: string): MediaFaults {
  const fault = activeFault(server);
  if (!faultApplies(fault, listener, "INVITE") || fault.kind !== "media") return {};
  switch (fault.media) {
    case "silent":
      return { silent: true };
    case "one-way":
      return { deaf: true };
    case "plain-rtp":
      return { plainRtp: true };
    case "wrong-key":
      return { wrongKey: true };
    case "no-mki":
      return { omitMki: true };
    case "stop":
      return { stopAfterMs: fault.afterMs };
    case "other-port":
      return { fromOtherPort: true };
  }
}

/** Whether a call answered at `listener` first gets a 180 Ringing carrying the SDP answer (an `sdp-in-ringing` fault). */
export function sdpInRinging(server: Server, listener: string): boolean {
  const fault = activeFault(server);
  return faultApplies(fault, listener, "INVITE") && fault.kind === "sdp-in-ringing";
}
