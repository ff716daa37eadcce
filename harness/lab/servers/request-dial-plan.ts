import { rawRequestUri } from "../../model/sip-uri-text.js";
import type { DialPlan } from "../topology/topology-resolve.js";
import type { SimRequest } from "./sim-server.js";
import { diversionOf, resolveUmCall, type UmCallResolution } from "./um-call-target.js";

/**
 * The dial plan a request behind the Call Router belongs to, found as the Call Router found it (um-call-target.ts:
 * the user's, or the pilot's through any gateway's hunt groups, from the Request-URI as written and the Diversion);
 * undefined when the call names none. The UM service checks membership with it, the worker its VoIPSecurity.
 */
export function requestDialPlan(request: SimRequest): DialPlan | undefined {
  const resolution = requestUmCall(request);
  return resolution.ok ? resolution.target.dialPlan : resolution.dialPlan;
}

/** What the call at this server is for (call answering, Subscriber Access, Auto Attendant), as the Call Router saw it. */
export function requestUmCall(request: SimRequest): UmCallResolution {
  return resolveUmCall({
    topology: request.lab.topology(),
    requestUri: rawRequestUri(request.request.raw),
    diversion: diversionOf((name) => request.message.getHeader(name)),
    gateway: null,
  });
}
