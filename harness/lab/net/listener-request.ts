import type { Socket } from "node:net";
import type { Core } from "sip.js";
import { buildResponse, type ResponseSpec } from "./build-response.js";
import type { InboundRequest } from "./inbound-request.js";

/**
 * The {@link InboundRequest} a listener hands its server host (sim-listener.ts): a class, so that a request costs one
 * object and no closure (docs/design.md §10, "per-message allocations"). The client certificate is read from the
 * connection when first asked for (`certificate`, once per connection).
 */
export class ListenerRequest implements InboundRequest {
  readonly #certificate: () => InboundRequest["peerCertificate"];

  constructor(
    readonly message: Core.IncomingRequestMessage,
    readonly raw: string,
    readonly socket: Socket,
    readonly protocol: "tls" | "tcp",
    certificate: () => InboundRequest["peerCertificate"],
  ) {
    this.#certificate = certificate;
  }

  get peerCertificate(): InboundRequest["peerCertificate"] {
    return this.#certificate();
  }

  /** A response on the connection the request came on (RFC 3261 §18.2.2), unless it is closed. */
  respond(spec: ResponseSpec): void {
    const socket = this.socket;
    if (!socket.destroyed && socket.writable) socket.write(buildResponse(this.message, spec));
  }
}
