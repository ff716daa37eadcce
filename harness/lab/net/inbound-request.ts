import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import type { Core } from "sip.js";
import type { ResponseSpec } from "./build-response.js";

/** A request as a simulated server sees it, with the connection it came on. */
export interface InboundRequest {
  readonly message: Core.IncomingRequestMessage;
  readonly raw: string;
  readonly socket: Socket;
  readonly protocol: "tls" | "tcp";
  /** The client certificate the peer presented and OpenSSL verified, or null (TLS only). */
  readonly peerCertificate: ReturnType<TLSSocket["getPeerCertificate"]> | null;
  respond(spec: ResponseSpec): void;
}
