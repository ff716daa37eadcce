/**
 * Why a listener closed a connection that broke one of its bounds (topology-listener-limits.ts):
 * - `request-timeout`: a request was still partial `requestTimeoutMs` after its first byte (slowloris);
 * - `connections-per-address`: the source address already held `maxConnectionsPerAddress` connections;
 * - `connections`: the listener already held `maxConnections` connections;
 * - `buffered-bytes`: the connection held more than `maxBufferedBytes` (a request too large, or responses unread).
 */
export type ListenerDropReason = "request-timeout" | "connections-per-address" | "connections" | "buffered-bytes";

/** One drop (or, for refused connections, a run of them) as the listener reports it to its server. */
export interface ListenerDrop {
  readonly reason: ListenerDropReason;
  readonly peerAddress: string;
  readonly peerPort: number;
  /** The bound that was broken, in its unit (milliseconds, connections or bytes). */
  readonly limit: number;
  /** How many connections this report covers: 1, or the refusals since the last report for that address. */
  readonly connections: number;
  /** Bytes the connection held when it was closed (0 for a refused connection). */
  readonly bufferedBytes: number;
}
