/** The severity of a Windows event log entry. */
export type LabEventLevel = "information" | "warning" | "error";

/**
 * One entry of a simulated server's event log, with the Exchange/Lync event ID the real product would have written
 * (docs/design.md §5: 1649 Call Router TLS failure, 1113 UM service TLS failure, 1021, 1647, 1442 gateway disabled, 1684
 * wildcard Subject Name, 25051 …; docs/protocol.md §4). Reports show the server's view beside the client's.
 */
export interface LabEvent {
  /** The server's FQDN. */
  readonly server: string;
  readonly eventId: number;
  readonly level: LabEventLevel;
  /** The event source as the product names it (`MSExchange Unified Messaging`, `LS Mediation Server`), or null. */
  readonly source: string | null;
  /** The event text (from a peer's data where the real product quotes it: reporters escape it). */
  readonly message: string;
  /** When it was written, ISO 8601. */
  readonly at: string;
}
