import { createServer, type Server } from "node:http";
import { internalError } from "../errors/harness-error.js";
import type { MetricsAddress } from "./metrics-address.js";

/** A running Prometheus endpoint. */
export interface MetricsServer {
  /** The bound address and port (the kernel's port when 0 was asked). */
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The content type of the text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/**
 * Serves `GET /metrics` (and `/`) with whatever `render` returns now; anything else is 404, a method other than GET
 * or HEAD 405. Requests and idle connections are bounded (a scraper that hangs never keeps the monitor from stopping).
 */
export async function startMetricsServer(address: MetricsAddress, render: () => string): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path !== "/metrics" && path !== "/") {
      response.writeHead(404, { "content-type": "text/plain" }).end("exum monitor serves /metrics\n");
      return;
    }
    const body = render();
    response.writeHead(200, { "content-type": PROMETHEUS_CONTENT_TYPE, "content-length": Buffer.byteLength(body) });
    response.end(request.method === "HEAD" ? undefined : body);
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(internalError("EXUM_MONITOR_METRICS_LISTEN", `--metrics ${address.host}:${address.port}: cannot listen: ${error.code ?? error.message}`, { hint: "choose another port, or stop what listens there", cause: error })),
    );
    server.listen(address.port, address.host, () => resolve());
  });
  const bound = server.address();
  const port = typeof bound === "object" && bound !== null ? bound.port : address.port;
  return {
    host: address.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
