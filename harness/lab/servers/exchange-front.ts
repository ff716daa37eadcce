import { EXCHANGE_ALLOW, exchangeProductHeader, exchangeRedirectUri, rejectInvite } from "./exchange-answers.js";
import { matchGateway } from "./exchange-gateway-auth.js";
import { LAB_EVENT_IDS } from "./lab-event-ids.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { SimRequest } from "./sim-server.js";
import { rawRequestUri } from "../../model/sip-uri-text.js";
import type { ExchangeRejectionReason } from "../topology/topology-behaviour.js";
import { diversionOf, resolveUmCall, type UmCallTarget } from "./um-call-target.js";

/** Where an accepted call is redirected, or why it cannot be. */
export type FrontDestination =
  | { readonly host: string; readonly port: number }
  | { readonly reject: ExchangeRejectionReason; readonly detail: string };

/** What differs between the 2013+ Call Router and the Exchange 2010 UM server's front (sim-call-router.ts, sim-exchange2010.ts). */
export interface ExchangeFront {
  /** The events written with every rejection (the Call Router: 1647; Exchange 2010: 1021). */
  readonly rejectEvents: readonly number[];
  /** The 3xx status of the redirect. */
  redirectStatus(request: SimRequest): number;
  destination(request: SimRequest, target: UmCallTarget): FrontDestination;
}

/**
 * A new INVITE at an Exchange UM front door (the Call Router on 5060/5061, or an Exchange 2010 UM server), in the
 * order Exchange decides it:
 * 1. UM IP gateway authorisation (docs/protocol.md §5: "TLS succeeds but the certificate names no configured UM IP
 *    gateway: **403** + ms-diagnostics-public (UnAuthorizedGateway)"; events 1021 + the front's); "A disabled gateway
 *    is rejected too (event 1442)". A gateway in **NoNewCalls** is treated like Disabled for new INVITEs [INF]: the
 *    front holds no calls, so "no new calls" leaves nothing to accept (OPTIONS still get 200);
 * 2. what the call is for (um-call-target.ts: dial plan through the gateway's hunt groups, user, diversion);
 * 3. security parity (docs/protocol.md §2: "A TCP call into a SIPSecured/Secured dial plan, or a TLS call into an
 *    Unsecured one, is rejected by the Call Router with **403** … (reason IncorrectHuntGroup)");
 * 4. dial plan membership (docs/protocol.md §5: "Every Client Access and Mailbox server must be added to every SIP URI
 *    dial plan, or it will not answer"): a front that is not a member rejects with DialPlanNotLinked [INF];
 * 5. the redirect (docs/protocol.md §1 step 2; redirect-uri.ts builds the Contact).
 */
export function frontInvite(request: SimRequest, front: ExchangeFront): void {
  const reject = (reason: ExchangeRejectionReason, detail: string, extra: readonly number[] = [], publicDetail?: string) =>
    rejectInvite(request, reason, detail, [...new Set([...extra, ...front.rejectEvents])], publicDetail);
  const match = matchGateway(request);
  if (match.kind === "unknown") {
    reject("UnAuthorizedGateway", match.detail, [1021]);
    return;
  }
  const { gateway } = match;
  if (gateway.status !== "Enabled") {
    reject("UnAuthorizedGateway", `UM IP gateway ${gateway.name} (${gateway.address}) is ${gateway.status}`, [1442]);
    return;
  }
  const resolution = resolveUmCall({
    topology: request.lab.topology(),
    requestUri: rawRequestUri(request.request.raw),
    diversion: diversionOf((name) => request.message.getHeader(name)),
    gateway,
  });
  const plan = resolution.ok ? resolution.target.dialPlan : resolution.dialPlan;
  if (plan !== undefined) {
    const secured = request.listener.transport === "tls";
    if (secured === (plan.voipSecurity === "Unsecured")) {
      reject(
        "IncorrectHuntGroup",
        secured
          ? `a TLS call into dial plan ${plan.name}, which is Unsecured`
          : `a TCP call into dial plan ${plan.name}, which is ${plan.voipSecurity}`,
        [],
        // docs/protocol.md §10: a wrong hunt group's reason goes on "`… Pilot number: <n>. UMIPGateway: <name>.`".
        `Pilot number: ${pilotOf(request)}. UMIPGateway: ${gateway.name}.`,
      );
      return;
    }
  }
  if (!resolution.ok) {
    // docs/protocol.md §10 field failures: "event 1109 for an invalid extension in Diversion".
    reject(resolution.reason, resolution.detail, resolution.invalidDiversion === true ? [LAB_EVENT_IDS.invalidDiversion] : []);
    return;
  }
  const target = resolution.target;
  if (!target.dialPlan.servers.includes(request.fqdn)) {
    reject("DialPlanNotLinked", `${request.fqdn} is not a member of dial plan ${target.dialPlan.name}`);
    return;
  }
  const destination = front.destination(request, target);
  if ("reject" in destination) {
    reject(destination.reject, destination.detail);
    return;
  }
  const contact = exchangeRedirectUri(request, destination.host, destination.port);
  if (contact === null) {
    reject("InvalidRequest", "the Request-URI is not a SIP URI");
    return;
  }
  const status = front.redirectStatus(request);
  request.respond({ status, reason: reasonPhrase(status), headers: [`Contact: <${contact}>`, exchangeProductHeader(request)] });
}

/**
 * Requests other than OPTIONS and a new INVITE at a stateless front (the Call Router and the UM service hold no
 * dialogs): ACK is absorbed; in-dialog requests, BYE and CANCEL get 481 (RFC 3261 §9.2, §12.2.2: no matching
 * transaction or dialog); anything else 405 with Allow.
 */
export function frontOther(request: SimRequest): void {
  const method = request.message.method.toUpperCase();
  if (method === "ACK") return;
  if (method === "BYE" || method === "CANCEL" || method === "INVITE") {
    request.respond({ status: 481, reason: reasonPhrase(481) });
    return;
  }
  request.respond({ status: 405, reason: reasonPhrase(405), headers: EXCHANGE_ALLOW.map((allowed) => `Allow: ${allowed}`) });
}

/** The pilot number a call dialled: the Request-URI's user part (docs/protocol.md §8), "(none)" without one. */
function pilotOf(request: SimRequest): string {
  return request.message.ruri?.user ?? "(none)";
}
