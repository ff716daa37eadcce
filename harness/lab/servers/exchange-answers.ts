import { eventLevelOf } from "./lab-event-ids.js";
import { msDiagnosticsPublic } from "./ms-diagnostics-header.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import { redirectUri } from "./redirect-uri.js";
import { rawRequestUri } from "../../model/sip-uri-text.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import { EXCHANGE_REJECTION_REASONS, type Behaviour, type ExchangeRejectionReason } from "../topology/topology-behaviour.js";

/** The methods Exchange UM lists in `Allow` (docs/protocol.md §6: "one `Allow` per method"). */
export const EXCHANGE_ALLOW = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "NOTIFY"] as const;

/**
 * The User-Agent of the requests the server sends (docs/protocol.md §8: "Requests Exchange originates (OPTIONS pings,
 * MWI) carry `User-Agent: MSExchangeUM/<version>` [OBS]"), `behaviour.userAgents`.
 */
export function exchangeUserAgent(request: Pick<SimServerContext, "behaviour" | "role">): string {
  const agents = request.behaviour().userAgents;
  return request.role === "exchange2010" ? agents.exchange2010 : agents.exchange;
}

/**
 * The product header of every response the server sends. docs/protocol.md §8, from published captures: "Exchange UM
 * *responses* carry `Server: RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017` (Exchange 2016 CU23 …); an Exchange 2010 SP1
 * 302 carried only `Server: RTCC/3.5.0.0`" (`behaviour.exchangeProduct`).
 */
export function exchangeProductHeader(request: Pick<SimServerContext, "behaviour" | "role">): string {
  const product = request.behaviour().exchangeProduct;
  return `${product.responseHeader}: ${exchangeProduct(request)}`;
}

/** The product string of the server's responses (`behaviour.exchangeProduct`), without the header name. */
export function exchangeProduct(request: Pick<SimServerContext, "behaviour" | "role">): string {
  const product = request.behaviour().exchangeProduct;
  return request.role === "exchange2010" ? product.server2010 : product.server;
}

/**
 * Answers OPTIONS with `status` (docs/protocol.md §6), with `Accept: application/sdp` and one `Allow` per method; a
 * non-2xx answer is written as event 1651 (OPTIONS rejected).
 */
export function answerOptions(request: SimRequest, status: number): void {
  request.respond({
    status,
    reason: reasonPhrase(status),
    headers: [...EXCHANGE_ALLOW.map((method) => `Allow: ${method}`), "Accept: application/sdp", exchangeProductHeader(request)],
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
 * `behaviour.securityParity` (docs/protocol.md §2). The text is {@link rejectionText}. Each event of `events` is
 * written with `detail`.
 */
export function rejectInvite(request: SimRequest, reason: ExchangeRejectionReason, detail: string, events: readonly number[], publicDetail: string = detail): void {
  const behaviour = request.behaviour();
  const parity = reason === "IncorrectHuntGroup";
  const status = parity ? behaviour.securityParity.status : reason === "PipelineFull" ? behaviour.rejections.pipelineFullStatus : behaviour.rejections.inviteStatus;
  const text = rejectionText(behaviour, parity ? behaviour.securityParity.reason : reason, publicDetail);
  request.respond({
    status,
    reason: reasonPhrase(status),
    headers: [msDiagnosticsPublic(behaviour.rejections.codes[reason], request.fqdn, text), exchangeProductHeader(request)],
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

/**
 * The `reason` text of a rejection. docs/protocol.md §10 "Exchange rejection text": "the `reason` of
 * `ms-diagnostics-public` is a sentence, possibly followed by details (e.g. for a wrong hunt group `… Pilot number:
 * <n>. UMIPGateway: <name>.`)". With `behaviour.rejections.reasonText` `sentence` (the default) a known reason name is
 * written as its sentence (`behaviour.rejections.sentences`) followed by `detail`; with `name`, the bare name. A
 * reason that is no known name (a configured `securityParity.reason`) is written as given.
 */
export function rejectionText(behaviour: Behaviour, reason: string, detail: string): string {
  const known = (EXCHANGE_REJECTION_REASONS as readonly string[]).includes(reason) ? (reason as ExchangeRejectionReason) : null;
  if (known === null || behaviour.rejections.reasonText === "name") return reason;
  let trimmed = detail.trim();
  // A sentence of its own: a leading lower-case word is capitalised, a leading name (an FQDN, "cas01.…") left as written.
  if (/^[a-z]+\b(?![.@-])/.test(trimmed)) trimmed = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  const details = trimmed === "" ? "" : ` ${/[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`}`;
  return `${behaviour.rejections.sentences[known]}${details}`;
}

/**
 * The Contact URI of this server's 302 to `host:port` (redirect-uri.ts, docs/protocol.md §1 step 2), spelled as
 * `behaviour.callRouter` says; an Exchange 2010 server adds `maddr` (behaviour.callRouter.exchange2010Maddr, the
 * published Exchange 2010 SP1 capture). Null when the Request-URI is not a SIP URI.
 */
export function exchangeRedirectUri(request: SimRequest, host: string, port: number): string | null {
  const settings = request.behaviour().callRouter;
  return redirectUri(rawRequestUri(request.request.raw), {
    host,
    port,
    transport: request.listener.transport,
    spelling: settings.contactTransport,
    position: settings.contactTransportPosition,
    addMaddr: request.role === "exchange2010" && settings.exchange2010Maddr,
  });
}
