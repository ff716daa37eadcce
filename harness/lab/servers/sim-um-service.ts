import { answerOptions, exchangeProductHeader, exchangeRedirectUri, rejectInvite } from "./exchange-answers.js";
import { frontOther } from "./exchange-front.js";
import type { ListenerName } from "../topology/address-plan-listeners.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { SimRequest } from "./sim-server.js";
import { requestDialPlan } from "./request-dial-plan.js";

/** Which worker slot the next call goes to (behaviour.worker.activeSlot; `alternate` flips per call). */
export class WorkerSlotChooser {
  #last: 1 | 2 = 2;

  next(request: SimRequest): ListenerName {
    const tls = request.listener.transport === "tls";
    const { activeSlot, portLayout } = request.behaviour().worker;
    let slot: 1 | 2 = activeSlot === "alternate" ? (this.#last === 1 ? 2 : 1) : activeSlot;
    if (portLayout === "single") slot = 1;
    this.#last = slot;
    if (slot === 2) return tls ? "worker2-tls" : "worker2-tcp";
    return tls ? "worker-tls" : "worker-tcp";
  }
}

/**
 * A new INVITE at a UM service (the Mailbox server's 5062/5063, or the Exchange 2010 server once authorised):
 * docs/protocol.md §1 step 3: "The peer INVITEs the UM service on that Mailbox server; it answers **302** to its worker
 * port [3P][OBS]" (`behaviour.umService.redirectStatus`). The Contact is built like the Call Router's (redirect-uri.ts)
 * with this server's FQDN and the worker slot's bound port. A server that is not a member of the call's dial plan
 * rejects it with DialPlanNotLinked (docs/protocol.md §5 "or it will not answer" [INF]), event 1021.
 */
export function redirectToWorker(request: SimRequest, slots: WorkerSlotChooser, status: number): void {
  const plan = requestDialPlan(request);
  if (plan !== undefined && !plan.servers.includes(request.fqdn)) {
    rejectInvite(request, "DialPlanNotLinked", `${request.fqdn} is not a member of dial plan ${plan.name}`, [1021]);
    return;
  }
  const listener = slots.next(request);
  const port = request.lab.boundPort(request.fqdn, listener);
  const contact =
    port === undefined
      ? null
      : exchangeRedirectUri(request, request.fqdn, port);
  if (contact === null) {
    rejectInvite(request, "InvalidRequest", "the Request-URI is not a SIP URI (or the worker has no listener)", [1021]);
    return;
  }
  request.respond({ status, reason: reasonPhrase(status), headers: [`Contact: <${contact}>`, exchangeProductHeader(request)] });
}

/** The Mailbox UM service's requests (5062/5063): OPTIONS (docs/protocol.md §6, `behaviour.umService.optionsStatus`), INVITE → worker. */
export function umServiceRequest(request: SimRequest, slots: WorkerSlotChooser): void {
  const method = request.message.method.toUpperCase();
  if (method === "OPTIONS") answerOptions(request, request.behaviour().umService.optionsStatus);
  else if (method === "INVITE" && request.message.toTag === undefined) redirectToWorker(request, slots, request.behaviour().umService.redirectStatus);
  else frontOther(request);
}
