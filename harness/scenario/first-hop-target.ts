import { parseSipTarget, type SipTarget } from "../sip/sip-target.js";
import type { Endpoint } from "./plan.js";

/**
 * The SIP target of a step's first request: the planned Request-URI's user and parameters (`alice` and
 * `opaque=app:voicemail`, a pilot, none for a server) at the endpoint's FQDN, port and transport, so the connection
 * goes to the first hop (the Call Router, `via:`, a failover server) and its certificate is verified against that
 * FQDN (docs/protocol.md §1: every hop is mutual TLS). Exchange routes on the user part and the parameters
 * (docs/protocol.md §8), not on the host: `sip:alice@contoso.com;opaque=app:voicemail` via cas01 is sent as
 * `sip:alice@cas01.tukwila.contoso.com:5061;transport=tls;opaque=app:voicemail`.
 */
export function firstHopTarget(requestUri: string, endpoint: Endpoint, port: number): SipTarget {
  const planned = parseSipTarget(requestUri, "Request-URI");
  const user = planned.user === null ? "" : `${planned.user}@`;
  const params = Object.entries(planned.params)
    .map(([name, value]) => (value === null ? `;${name}` : `;${name}=${value}`))
    .join("");
  return parseSipTarget(`sip:${user}${endpoint.fqdn}:${port};transport=${endpoint.transport}${params}`, "Request-URI");
}
