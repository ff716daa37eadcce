import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { Core } from "sip.js";
import type { Logger } from "../log/logger.js";
import { silentLogger } from "../log/logger.js";
import { MessageFramer } from "../sip/message-framer.js";
import type { ServerTlsOptions } from "../tls/server-secure-context.js";
import { buildResponse } from "../lab/net/build-response.js";
import type { InboundRequest } from "../lab/net/inbound-request.js";



export interface SipListenerOptions {
  address: string;
  /** 0 for an ephemeral port. */
  port: number;
  protocol: "tls" | "tcp";
  /** TLS only: the server's certificate, trust and client-certificate demand (harness/tls serverSecureContext). */
  tls?: ServerTlsOptions;
  onRequest(request: InboundRequest): void;
  logger?: Logger;
}

export interface SipListener {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A bare SIP listener for tests that need a server the lab does not simulate (a redirect loop, a server that only
 * answers OPTIONS): accepts TCP or TLS connections, frames the stream, parses each message with sip.js's parser,
 * and hands requests over with a `respond` that sends on the same connection (RFC 3261 §18.2.2). The lab's own
 * servers listen through lab/net/sim-listener.ts.
 */
export async function startSipListener(options: SipListenerOptions): Promise<SipListener> {
  const logger = options.logger ?? silentLogger;
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const framer = new MessageFramer();
    socket.on("data", (chunk: Buffer) => {
      let messages: string[];
      try {
        messages = framer.push(chunk);
      } catch (error) {
        logger.debug({ err: error }, "closing a connection that broke SIP framing");
        socket.destroy();
        return;
      }
      for (const raw of messages) {
        const message = Core.Parser.parseMessage(raw, parserLogger);
        if (!(message instanceof Core.IncomingRequestMessage)) continue;
        const request: InboundRequest = {
          message,
          raw,
          socket,
          protocol: options.protocol,
          peerCertificate: options.protocol === "tls" ? (socket as TLSSocket).getPeerCertificate(true) : null,
          respond: (spec) => {
            if (!socket.destroyed) socket.write(buildResponse(message, spec));
          },
        };
        try {
          options.onRequest(request);
        } catch (error) {
          logger.warn({ err: error }, "simulated server failed on a request");
          if (message.method !== "ACK") request.respond({ status: 500, reason: "Server Internal Error" });
        }
      }
    });
  };
  let server: Server;
  if (options.protocol === "tls") {
    if (options.tls === undefined) throw new Error("a TLS listener needs tls options");
    // tls.Server ignores `secureContext` and builds its own context from the PEM fields (once per server).
    const { secureContext: _unused, ...serverOptions } = options.tls;
    server = createTlsServer(serverOptions, onConnection);
    server.on("tlsClientError", () => undefined);
  } else {
    server = createTcpServer(onConnection);
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.address, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = server.address();
  const port = typeof bound === "object" && bound !== null ? bound.port : options.port;
  return {
    address: options.address,
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined, debug: () => undefined };
const parserLogger = quiet as unknown as Parameters<typeof Core.Parser.parseMessage>[1];
