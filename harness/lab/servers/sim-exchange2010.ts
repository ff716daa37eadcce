import { answerOptions } from "./exchange-answers.js";
import { frontInvite, frontOther, type ExchangeFront } from "./exchange-front.js";
import { checkOwnCertificate, writeTlsFailure } from "./exchange-tls-events.js";
import type { SimHandler, SimHandlerFactory } from "./sim-server.js";
import { WorkerSlotChooser } from "./sim-um-service.js";
import { UmWorker } from "./sim-worker.js";

/**
 * An Exchange 2010 UM server. docs/protocol.md §1: "TCP 5060, mutual TLS 5061 … redirects straight to its worker
 * (5065–5068)"; "Exchange 2010 has one hop fewer (UM server → worker)". It authorises the gateway, resolves the call
 * and checks security parity like the Call Router (exchange-front.ts), then answers `behaviour.umService.redirectStatus`
 * to its own worker; rejections are event 1021, TLS failures 1113. `Disable-UMService` is the server state
 * `disabled` (the host answers new INVITEs `behaviour.disabledAnswer`, docs/protocol.md §7).
 */
export const exchange2010Handler: SimHandlerFactory = (context): SimHandler => {
  checkOwnCertificate(context);
  const worker = new UmWorker(context);
  const slots = new WorkerSlotChooser();
  const front: ExchangeFront = {
    rejectEvents: [1021],
    redirectStatus: (request) => request.behaviour().umService.redirectStatus,
    destination(request) {
      const port = request.lab.boundPort(request.fqdn, slots.next(request));
      return port === undefined ? { reject: "UserRoutingIssue", detail: "the worker has no listener" } : { host: request.fqdn, port };
    },
  };
  return {
    onRequest(request) {
      const method = request.message.method.toUpperCase();
      if (request.listener.name.startsWith("worker")) worker.onRequest(request);
      else if (method === "OPTIONS") answerOptions(request, request.behaviour().umService.optionsStatus);
      else if (method === "INVITE" && request.message.toTag === undefined) frontInvite(request, front);
      else frontOther(request);
    },
    onTlsFailure: (failure) => writeTlsFailure(context, 1113, failure),
    close: () => worker.close(),
  };
};
