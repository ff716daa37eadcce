import type { TraceEntry } from "../model/trace-entry.js";
import { SYSTEM_CLOCK, type Clock } from "../model/clock.js";
import { rawHeaderValues } from "./response-facts.js";

/** Collects TraceEntries for one probe (every hop, every connection), in wire order. */
export class MessageTrace {
  readonly entries: TraceEntry[] = [];
  private readonly origin: number;
  private readonly clock: Clock;
  private readonly limit: number;
  /** Entries beyond the limit are counted but not kept (a chatty peer must not exhaust memory). */
  dropped = 0;

  /** `origin`: the monotonic reading the entries' `atMs` count from. @defaultValue now */
  constructor(options: { clock?: Clock; origin?: number; limit?: number } = {}) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.origin = options.origin ?? this.clock.monotonicMs();
    this.limit = options.limit ?? 1000;
  }

  record(direction: TraceEntry["direction"], raw: string, link: { transport: "TLS" | "TCP"; local: string; remote: string }) {
    if (this.entries.length >= this.limit) {
      this.dropped++;
      return;
    }
    const headerEnd = raw.indexOf("\r\n\r\n");
    const head = headerEnd === -1 ? raw : raw.slice(0, headerEnd);
    this.entries.push({
      direction,
      atMs: Math.round((this.clock.monotonicMs() - this.origin) * 1000) / 1000,
      wallTime: this.clock.now().toISOString(),
      transport: link.transport,
      local: link.local,
      remote: link.remote,
      firstLine: head.split("\r\n", 1)[0] ?? "",
      callId: rawHeaderValues(head, "call-id", "i")[0] ?? null,
      cseq: rawHeaderValues(head, "cseq")[0] ?? null,
      raw,
    });
  }
}
