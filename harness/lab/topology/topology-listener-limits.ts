import { z } from "zod";

/**
 * `behaviour.listenerLimits`: what one peer may cost a simulated server's SIP listener, so no client can lock the lab
 * up for the others (docs/design.md §5 "Bounds on every connection"). These are the lab's own bounds, not Microsoft
 * values; a request is complete when its header section and the Content-Length bytes of its body have arrived
 * (RFC 3261 §18.3). A connection that breaks a bound is closed and its server logs event 60101 (lab-event-ids.ts).
 */
export const listenerLimitsSchema = z
  .strictObject({
    requestTimeoutMs: z
      .number()
      .int()
      .min(1)
      .max(600_000)
      .default(20_000)
      .describe(
        "Time from the first byte of a request to its last (header section and body); a request still partial then is dropped " +
          "with its connection (slowloris). An idle connection between requests is kept (Lync keeps its MTLS connections up)",
      ),
    maxConnectionsPerAddress: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(128)
      .describe("Open connections one source address may hold on one listener; more are closed on arrival"),
    maxConnections: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(2048)
      .describe("Open connections on one listener from all addresses together; more are closed on arrival"),
    maxBufferedBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(320 * 1024)
      .describe(
        "Bytes one connection may hold in memory: a request not yet complete (header section at most 64 KiB of it) and " +
          "responses the peer has not read; a connection past it is closed",
      ),
  })
  .prefault({})
  .describe("Bounds per SIP listener of every simulated server: request time, connections per address and in all, memory per connection");

export type ListenerLimits = z.output<typeof listenerLimitsSchema>;
