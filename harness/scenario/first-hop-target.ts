import { parseSipTarget, viaNextHop, type SipTarget } from "../sip/sip-target.js";
import type { Endpoint } from "./plan.js";

/**
 * The SIP target of a step's first request: the planned Request-URI exactly as written (`sip:alice@contoso.com;
 * opaque=app:voicemail`, a pilot, a server) sent to the first hop (the Call Router, `via:`, a failover server) as its
 * next hop: the connection goes to the endpoint's FQDN, port and transport and its certificate is verified against
 * that FQDN (docs/protocol.md §1: every hop is mutual TLS), with no Route header. That is how Lync sends a voice-mail
 * call to UM: Exchange routes on the user part and the parameters (docs/protocol.md §8), not on the host.
 */
export function firstHopTarget(requestUri: string, endpoint: Endpoint, port: number): SipTarget {
  parseSipTarget(requestUri, "Request-URI");
  return { ...viaNextHop(requestUri, { host: endpoint.fqdn, port }), transport: endpoint.transport };
}
