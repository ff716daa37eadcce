/**
 * One SIP message as it crossed the wire, kept whole for the ladder diagram and for diagnostics
 * (docs/style.md habit 10: raw text, direction, addresses, transport, monotonic timestamp).
 */
export interface TraceEntry {
  readonly direction: "sent" | "received";
  /** Milliseconds since the trace started (monotonic clock). */
  readonly atMs: number;
  /** Wall-clock time (ISO 8601), for correlating with packet captures and server logs. */
  readonly wallTime: string;
  readonly transport: "TLS" | "TCP";
  readonly local: string;
  readonly remote: string;
  /** The request line or status line. */
  readonly firstLine: string;
  readonly callId: string | null;
  readonly cseq: string | null;
  readonly raw: string;
}
