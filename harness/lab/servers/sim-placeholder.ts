import type { SimHandler, SimHandlerFactory } from "./sim-server.js";

/**
 * A role nobody has simulated yet: OPTIONS and every request other than ACK are answered
 * `501 Not Implemented`, so a lab with that role still starts, binds its listeners and completes mutual TLS.
 */
export const placeholderHandler: SimHandlerFactory = (context): SimHandler => ({
  onRequest(request) {
    if (request.message.method === "ACK") return;
    request.respond({
      status: 501,
      reason: "Not Implemented",
      headers: [`Server: exum-lab placeholder (${context.role} is not simulated yet)`],
    });
  },
});
