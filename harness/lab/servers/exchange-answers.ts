import { eventLevelOf } from "./lab-event-ids.js";
import { msDiagnosticsPublic } from "./ms-diagnostics-header.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import type { ExchangeRejectionReason } from "../topology/topology-behaviour.js";

/** The methods Exchange UM lists in `Allow` (docs/protocol.md §6: "one `Allow` per method"). */
export const EXCHANGE_ALLOW = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "NOTIFY"] as const;

/** The User-Agent of the server (docs/protocol.md §8: `User-Agent: MSExchangeUM/<version>`). */
export function exchangeUserAgent(request: Pick<SimServerContext, "behaviour" | "role">): string {
  const agents = request.behaviour().userAgents;
  return request.role === "exchange2010" ? agents.exchange2010 : agents.exchange;
}

/**
 * Answers OPTIONS with `status` (docs/protocol.md §6), with `Accept: application/sdp` and one `Allow` per method; a
 * non-2xx answer is written as event 1651 (OPTIONS rejected).
 */
export function answerOptions(request: SimRequest, status: number): void {
  request.respond({
    status,
    reason: reasonPhrase(status),
    headers: [...EXCHANGE_ALLOW.map((method) => `Allow: ${method}`), "Accept: application/sdp", `User-Agent: ${exchangeUserAgent(request)}`],
  });
  if (status >= 300) {
    request.events.write(1651, eventLevelOf(1651), `OPTIONS from ${request.peer.address} was answered ${status}`, { status, peer: request.peer.address, names: request.peer.names });
  }
}

/**
 * Rejects an INVITE the way Exchange does. docs/protocol.md §4: "Exchange rejects INVITEs with **403** (unauthorised
 * gateway, wrong hunt group, dial plan not found, user not UM-enabled, max calls reached)" with
 * `ms-diagnostics-public: <ErrorCode>;source="<local fqdn>";reason="<text>"`; the numeric code is
 * `behaviour.rejections.codes[reason]` (not public, default 0). IncorrectHuntGroup takes
 * `behaviour.securityParity` (docs/protocol.md §2). Each event of `events` is written with `detail`.
 */
export function rejectInvite(request: SimRequest, reason: ExchangeRejectionReason, detail: string, events: readonly number[]): void {
  const behaviour = request.behaviour();
  const parity = reason === "IncorrectHuntGroup";
  const status = parity ? behaviour.securityParity.status : reason === "PipelineFull" ? behaviour.rejections.pipelineFullStatus : behaviour.rejections.inviteStatus;
  const text = parity ? behaviour.securityParity.reason : reason;
  request.respond({
    status,
    reason: reasonPhrase(status),
    headers: [msDiagnosticsPublic(behaviour.rejections.codes[reason], request.fqdn, text), `User-Agent: ${exchangeUserAgent(request)}`],
  });
  const details = {
    reason,
    detail,
    status,
    callId: request.message.callId,
    requestUri: request.message.ruri?.toString() ?? "",
    peer: request.peer.address,
    transport: request.listener.transport,
    certificateNames: request.peer.names,
  };
  for (const eventId of events) {
    request.events.write(eventId, eventLevelOf(eventId), `${eventMessage(eventId, request)}: ${reason}. ${detail}`, details);
  }
}

function eventMessage(eventId: number, request: SimRequest): string {
  switch (eventId) {
    case 1647:
      return `The UM Call Router rejected a call from ${request.peer.address}`;
    case 1021:
      return `The call from ${request.peer.address} was rejected`;
    case 1442:
      return `The UM IP gateway of ${request.peer.address} is disabled`;
    default:
      return `Event ${eventId}`;
  }
}
