import { checkOwnCertificate, writeTlsFailure } from "./exchange-tls-events.js";
import type { SimHandler, SimHandlerFactory } from "./sim-server.js";
import { umServiceRequest, WorkerSlotChooser } from "./sim-um-service.js";
import { UmWorker } from "./sim-worker.js";

/**
 * An Exchange 2013/2016/2019 Mailbox server: the UM service on `um-tcp`/`um-tls` (sim-um-service.ts) and its worker
 * process on `worker*` (sim-worker.ts). TLS failures on any of its listeners are the UM service's event 1113
 * (docs/protocol.md §5).
 */
export const mailboxHandler: SimHandlerFactory = (context): SimHandler => {
  checkOwnCertificate(context);
  const worker = new UmWorker(context);
  const slots = new WorkerSlotChooser();
  return {
    onRequest(request) {
      if (request.listener.name.startsWith("worker")) worker.onRequest(request);
      else umServiceRequest(request, slots);
    },
    onTlsFailure: (failure) => writeTlsFailure(context, 1113, failure),
    close: () => worker.close(),
  };
};
