import { answerOptions } from "./exchange-answers.js";
import { frontInvite, frontOther, type ExchangeFront, type FrontDestination } from "./exchange-front.js";
import { checkOwnCertificate, writeTlsFailure } from "./exchange-tls-events.js";
import type { SimHandler, SimHandlerFactory, SimRequest } from "./sim-server.js";
import type { UmCallTarget } from "./um-call-target.js";

/**
 * Where the Call Router sends an accepted call. docs/protocol.md §1 step 2: to "the Mailbox server FQDN that hosts the
 * user's active mailbox database (or the organisation mailbox for Auto Attendant); port set to 5062 (TCP) or 5063
 * (TLS)" — the bound port of that server's UM service listener (an Exchange 2010 server's 5060/5061). docs/protocol.md
 * §7: "the Exchange 2013 Call Router does not health-check the Mailbox server it redirects to [OBS][INF]"; with
 * `behaviour.callRouter.checksMailboxHealth` a Mailbox server that is not running is refused as UserRoutingIssue.
 */
function mailboxDestination(request: SimRequest, target: UmCallTarget): FrontDestination {
  const server = request.lab.server(target.mailboxServer);
  if (server === undefined || (server.role !== "mailbox" && server.role !== "exchange2010")) {
    return { reject: "UserRoutingIssue", detail: `the Mailbox server ${target.mailboxServer || "(none)"} is not an Exchange UM server of the lab` };
  }
  const tls = request.listener.transport === "tls";
  const listener = server.role === "mailbox" ? (tls ? "um-tls" : "um-tcp") : tls ? "sip-tls" : "sip-tcp";
  const port = request.lab.boundPort(server.fqdn, listener);
  if (port === undefined) return { reject: "UserRoutingIssue", detail: `${server.fqdn} has no ${listener} listener` };
  if (request.behaviour().callRouter.checksMailboxHealth && server.state !== "running") {
    return { reject: "UserRoutingIssue", detail: `the Mailbox server ${server.fqdn} is ${server.state}` };
  }
  return { host: server.fqdn, port };
}

const callRouterFront: ExchangeFront = {
  rejectEvents: [1647],
  redirectStatus: (request) => request.behaviour().callRouter.redirectStatus,
  destination: mailboxDestination,
};

/**
 * The Exchange 2013/2016/2019 UM Call Router (docs/protocol.md §1: "signalling only, never answers a call, never touches
 * media"): OPTIONS answered `behaviour.callRouter.optionsStatus` (§6: "200 to any peer that completes TLS"), a new
 * INVITE authorised, resolved and redirected to the Mailbox server's UM service (exchange-front.ts), TLS failures
 * written as event 1649.
 */
export const callRouterHandler: SimHandlerFactory = (context): SimHandler => {
  checkOwnCertificate(context);
  return {
    onRequest(request) {
      const method = request.message.method.toUpperCase();
      if (method === "OPTIONS") answerOptions(request, request.behaviour().callRouter.optionsStatus);
      else if (method === "INVITE" && request.message.toTag === undefined) frontInvite(request, callRouterFront);
      else frontOther(request);
    },
    onTlsFailure: (failure) => writeTlsFailure(context, 1649, failure),
  };
};
