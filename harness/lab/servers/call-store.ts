import type { Socket } from "node:net";
import type { Core } from "sip.js";
import type { MediaEvidence } from "../../model/media-evidence.js";
import type { ListenerName } from "../topology/address-plan-listeners.js";

/**
 * A call's state at the server that answers it (RFC 3261 §12, §13.3.1):
 *
 * ```
 *   INVITE ──▶ early ──2xx──▶ answered ──ACK──▶ confirmed ──BYE (either side) / drop──▶ ended
 *                │                                   ▲
 *                └── CANCEL (487) / final ≥ 300 ─────┴──────────────────────────────▶ ended
 * ```
 */
export type CallState = "early" | "answered" | "confirmed" | "ended";

/** Who or what ended a call. */
export type CallEnd = "peer-bye" | "server-bye" | "cancel" | "rejected" | "dropped" | "connection-lost" | "lab-closed";

/** One call (dialog) a simulated server holds. */
export interface CallRecord {
  readonly callId: string;
  /** The server (FQDN) that holds it, and the listener it arrived on. */
  readonly server: string;
  readonly listener: ListenerName;
  /** The INVITE as received (its From, To, CSeq, Via and Contact build in-dialog requests). */
  readonly invite: Core.IncomingRequestMessage;
  /** Our To-tag. */
  readonly localTag: string;
  /** The connection the call came on: in-dialog requests from the server are sent on it (docs/sipjs.md). */
  readonly socket: Socket;
  state: CallState;
  /** Media the worker answered: srtp or rtp; null before the answer. */
  media: "srtp" | "rtp" | null;
  /** What the server's own media session measured, once the call ended (docs/media.md §8); null before. */
  mediaEvidence: MediaEvidence | null;
  endedBy: CallEnd | null;
  readonly startedAt: string;
  endedAt: string | null;
  /** Our next CSeq for requests we send in this dialog. */
  localCseq: number;
}

export type CallListener = (call: CallRecord) => void;

/** How many ended calls are remembered (for tests and reports). */
const KEEP_ENDED = 1000;

/**
 * The lab's calls, by Call-ID, across every server (a call reaches a worker after two 302s; only the worker holds
 * a dialog). Handlers add, change and end calls; `subscribe` sees every change; `close` ends what is left.
 */
export class CallStore {
  readonly #calls = new Map<string, CallRecord>();
  readonly #ended: CallRecord[] = [];
  readonly #listeners = new Set<CallListener>();

  /** Starts a call (state `early`). A second INVITE with the same Call-ID at the same server replaces the record. */
  add(call: Omit<CallRecord, "state" | "media" | "mediaEvidence" | "endedBy" | "startedAt" | "endedAt" | "localCseq">): CallRecord {
    const record: CallRecord = { ...call, state: "early", media: null, mediaEvidence: null, endedBy: null, startedAt: new Date().toISOString(), endedAt: null, localCseq: 1 };
    this.#calls.set(key(call.server, call.callId), record);
    this.#notify(record);
    return record;
  }

  get(server: string, callId: string): CallRecord | undefined {
    return this.#calls.get(key(server, callId));
  }

  /** Moves a call on (`answered`, `confirmed`); ending goes through {@link end}. */
  update(call: CallRecord, state: Exclude<CallState, "ended">, media?: "srtp" | "rtp"): void {
    if (call.state === "ended") return;
    call.state = state;
    if (media !== undefined) call.media = media;
    this.#notify(call);
  }

  /** Ends a call once; later calls are ignored. */
  end(call: CallRecord, by: CallEnd): void {
    if (call.state === "ended") return;
    call.state = "ended";
    call.endedBy = by;
    call.endedAt = new Date().toISOString();
    this.#calls.delete(key(call.server, call.callId));
    this.#ended.push(call);
    if (this.#ended.length > KEEP_ENDED) this.#ended.shift();
    this.#notify(call);
  }

  /** Calls not yet ended, optionally of one server. */
  active(server?: string): CallRecord[] {
    const name = server?.toLowerCase();
    return [...this.#calls.values()].filter((call) => name === undefined || call.server === name);
  }

  /** The most recent ended calls, oldest first. */
  ended(server?: string): CallRecord[] {
    const name = server?.toLowerCase();
    return this.#ended.filter((call) => name === undefined || call.server === name);
  }

  /** Ends every call held on `socket` (the connection closed). */
  endOnSocket(socket: Socket, by: CallEnd): void {
    for (const call of [...this.#calls.values()]) if (call.socket === socket) this.end(call, by);
  }

  subscribe(listener: CallListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ends every call (`lab-closed`). */
  close(): void {
    for (const call of [...this.#calls.values()]) this.end(call, "lab-closed");
  }

  #notify(call: CallRecord): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(call);
      } catch {
        // a subscriber's failure is its own
      }
    }
  }
}

function key(server: string, callId: string): string {
  return `${server.toLowerCase()}\u0000${callId}`;
}
