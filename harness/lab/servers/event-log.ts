/**
 * The simulated servers' event logs (docs/design.md §5: "Each simulated server keeps an event log with the Exchange/Lync
 * event IDs it would have written (1649, 1113, 1021, 1647, 1442, 1684, 25051 …): the report shows the server's view
 * beside the client's"). One log per lab; every entry names the server that wrote it.
 */

/** Windows event levels as the Application log shows them. */
export type EventLevel = "Information" | "Warning" | "Error";

/** One event a simulated server wrote. JSON-serialisable. */
export interface EventLogEntry {
  /** Increases by one per entry, lab-wide (stable order for reports and `since`). */
  readonly seq: number;
  /** The FQDN of the server that wrote it. */
  readonly server: string;
  /** The Exchange or Lync event ID (docs/protocol.md §4, see lab-event-ids.ts). */
  readonly eventId: number;
  readonly level: EventLevel;
  /** What the real server would have written, in one line, with the reason. */
  readonly message: string;
  /** ISO 8601 time it was written. */
  readonly at: string;
  /** Facts behind it: peer address, certificate names, Call-ID, reason code… (no key material). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What a simulated server writes through: its own FQDN filled in. */
export interface EventLogWriter {
  readonly server: string;
  write(eventId: number, level: EventLevel, message: string, details?: Record<string, unknown>): EventLogEntry;
}

/** Which entries {@link EventLog.entries} returns; every field optional. */
export interface EventFilter {
  readonly server?: string;
  readonly eventId?: number;
  /** Only entries with `seq` greater than this. */
  readonly since?: number;
}

export type EventListener = (event: EventLogEntry) => void;

export interface EventLogOptions {
  /** The log keeps the newest this many entries (memory stays bounded under load). @defaultValue 10000 */
  capacity?: number;
  /** For tests. @defaultValue () => new Date() */
  now?: () => Date;
}

/**
 * The lab's event log: bounded (the oldest entries are dropped past `capacity`), readable by the runner
 * (`entries`), and observable (`subscribe`, used by `exum lab` to print events as they come). A subscriber that
 * throws is ignored; it never stops a server.
 */
export class EventLog {
  readonly #entries: EventLogEntry[] = [];
  readonly #listeners = new Set<EventListener>();
  readonly #capacity: number;
  readonly #now: () => Date;
  #seq = 0;

  constructor(options: EventLogOptions = {}) {
    this.#capacity = Math.max(1, options.capacity ?? 10_000);
    this.#now = options.now ?? (() => new Date());
  }

  /** The `seq` of the newest entry (0 when none): pass it as `since` to read only what comes after. */
  get lastSeq(): number {
    return this.#seq;
  }

  write(server: string, eventId: number, level: EventLevel, message: string, details: Record<string, unknown> = {}): EventLogEntry {
    this.#seq += 1;
    const event: EventLogEntry = { seq: this.#seq, server: server.toLowerCase(), eventId, level, message, at: this.#now().toISOString(), details };
    this.#entries.push(event);
    if (this.#entries.length > this.#capacity) this.#entries.splice(0, this.#entries.length - this.#capacity);
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // a subscriber's failure is its own
      }
    }
    return event;
  }

  /** A writer bound to one server. */
  writer(server: string): EventLogWriter {
    return { server: server.toLowerCase(), write: (eventId, level, message, details) => this.write(server, eventId, level, message, details) };
  }

  /** Entries in order, filtered. */
  entries(filter: EventFilter = {}): EventLogEntry[] {
    const server = filter.server?.toLowerCase();
    return this.#entries.filter(
      (event) =>
        (server === undefined || event.server === server) &&
        (filter.eventId === undefined || event.eventId === filter.eventId) &&
        (filter.since === undefined || event.seq > filter.since),
    );
  }

  /** Calls `listener` for every new entry; returns the function that stops it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
