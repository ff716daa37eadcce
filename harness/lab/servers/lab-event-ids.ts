import type { EventLevel } from "./event-log.js";

/**
 * The event IDs simulated servers write. docs/protocol.md §4 "Exchange event IDs worth naming in reports [OBS]: 1649
 * Call Router TLS failure with a gateway, 1113 UM service TLS failure, 1647 Call Router rejected a call, 1021 call
 * rejected (e.g. from an invalid gateway), 1442 gateway disabled, 1651 OPTIONS rejected, 1684 certificate Subject
 * Name is not a valid FQDN …, 1400/1401 SIP peers unhealthy/healthy. Mediation Server: 25051 no OPTIONS reply,
 * 25061/25052 gateway marked down after 5 misses [3P]."
 */
export const LAB_EVENT_IDS = {
  /** Call Router: TLS failure with a gateway (untrusted or missing client certificate). */
  callRouterTlsFailure: 1649,
  /** UM service (and Exchange 2010 UM, worker): TLS failure. */
  umServiceTlsFailure: 1113,
  /** Call Router rejected a call. */
  callRouterRejected: 1647,
  /** A call was rejected (e.g. from an invalid gateway), written by the server that rejected it. */
  callRejected: 1021,
  /** The UM IP gateway is disabled. */
  gatewayDisabled: 1442,
  /** OPTIONS rejected. */
  optionsRejected: 1651,
  /**
   * The call's Diversion names an extension (or user) that is not in the dial plan. docs/protocol.md §10 field failures
   * [3P]: "event 1109 for an invalid extension in Diversion".
   */
  invalidDiversion: 1109,
  /** The certificate Subject Name is not a valid FQDN. */
  certificateSubjectNotFqdn: 1684,
  /** SIP peers unhealthy / healthy. */
  peersUnhealthy: 1400,
  peersHealthy: 1401,
  /**
   * Windows (source Schannel, System log): the list of trusted CAs sent in a CertificateRequest grew past 16 KB and
   * was truncated (KB 933430, KB 2464556; docs/protocol.md §5 "The CertificateRequest's CA list").
   */
  schannelCaListTruncated: 36885,
  /** Mediation Server: no OPTIONS reply; gateway marked down. */
  mediationNoOptionsReply: 25051,
  mediationGatewayDown: 25061,
  mediationGatewayDownAlt: 25052,
  /**
   * Not a Microsoft event: the lab's own record of one call's media as the answering server measured it (packets,
   * authenticated, digits received; docs/media.md §8).
   */
  labCallMedia: 60100,
  /**
   * Not a Microsoft event: the lab closed or refused a connection that broke a listener bound (behaviour.listenerLimits:
   * a request too slow, too many connections from one address or in all, too many bytes held).
   */
  labConnectionDropped: 60101,
} as const;

/** The level each event is written with (Windows shows these as Error/Warning/Information). */
export const LAB_EVENT_LEVELS: Readonly<Record<number, EventLevel>> = {
  1649: "Error",
  1113: "Error",
  1647: "Warning",
  1021: "Warning",
  1442: "Warning",
  1109: "Warning",
  1651: "Warning",
  1684: "Error",
  1400: "Error",
  1401: "Information",
  25051: "Warning",
  25061: "Error",
  25052: "Error",
  36885: "Warning",
  60101: "Warning",
};

/** The level of an event ID, Information when unknown. */
export function eventLevelOf(eventId: number): EventLevel {
  return LAB_EVENT_LEVELS[eventId] ?? "Information";
}
