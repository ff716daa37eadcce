/**
 * Stable failure classifications a probe reports (DESIGN.md §6: "documented in one table"). TLS codes come
 * from harness/tls (classifyTlsFailure), media codes from harness/sdp (classifyMedia); the SIP ones are here.
 */
export interface ProbeFailure {
  readonly code: string;
  readonly message: string;
  /** The TLS alert received, for TLS failures where one was read (RFC 8446 §6: 48 unknown_ca, 116 …). */
  readonly alert?: number;
}

export const sipFailureCodes = {
  "dns-resolution-failed": "the target's name did not resolve (no --resolve entry, no DNS answer)",
  "no-response": "the request was sent and no final response came before the timeout",
  "connection-lost": "the connection closed before a final response, with no TLS alert to explain it",
  "peer-garbage": "the peer sent bytes that are not SIP (framing failed); the connection was closed",
  "redirect-loop": "a 3xx pointed back at a target already tried in this chain",
  "too-many-redirects": "the redirect chain was longer than the hop limit",
  "redirect-without-contact": "a 3xx carried no usable sip:/sips: Contact",
  "unauthorized-gateway": "403 with ms-diagnostics(-public) reason UnAuthorizedGateway: our certificate names no UM IP gateway",
  "security-parity": "403 IncorrectHuntGroup: TLS into an Unsecured dial plan, or TCP into a secured one",
  "rejected": "the peer answered with a final failure response not classified more precisely",
  "interrupted": "the run was interrupted (Ctrl-C) before the probe finished",
  "bye-failed": "the call was answered but our BYE got no 2xx",
} as const;

export type SipFailureCode = keyof typeof sipFailureCodes;

export function failure(code: string, message: string, alert?: number | null): ProbeFailure {
  return alert === undefined || alert === null ? { code, message } : { code, message, alert };
}
