import type { Hop } from "../model/probe-result.js";
import type { AgentLink } from "./agent-link.js";

/** An open agent and the hop that opened its connection (its address and TLS evidence travel with it). */
export interface PooledLink {
  readonly link: AgentLink;
  readonly hop: Hop;
}

/** @defaultValue 8: idle connections kept per next hop and identity (a run places calls a few lanes at a time). */
const IDLE_PER_KEY = 8;

/**
 * Open connections kept between probes, by next hop and identity: "keep connections open where the real peers would
 * (Lync keeps its MTLS connections to Exchange up)" (docs/design.md §10). A probe takes one when it has a request for
 * that next hop and gives it back once its transaction ended cleanly; a connection the peer closed is dropped when
 * taken. Owned by one scenario run (or one benchmark): `close()` ends every connection it still holds.
 *
 * States of a connection: open in a probe → (give) idle in the pool → (take) open in a probe …; any → closed (the
 * peer closed it, `drain()`, `close()`, or a probe that ended uncleanly closed it itself).
 */
export class ConnectionPool {
  readonly #idle = new Map<string, PooledLink[]>();
  #closed = false;
  /** Connections handed out again instead of dialled anew (for reports and benchmarks). */
  reused = 0;

  /** An idle, still open connection for this key, or undefined. */
  take(key: string): PooledLink | undefined {
    const idle = this.#idle.get(key);
    while (idle !== undefined && idle.length > 0) {
      const pooled = idle.pop() as PooledLink;
      if (pooled.link.isOpen()) {
        this.reused++;
        return pooled;
      }
      void pooled.link.close();
    }
    return undefined;
  }

  /** Keeps an open connection for the next probe to this key; closes it when the pool is closed or full. */
  async give(key: string, pooled: PooledLink): Promise<void> {
    const idle = this.#idle.get(key) ?? [];
    if (this.#closed || !pooled.link.isOpen() || idle.length >= IDLE_PER_KEY) {
      await pooled.link.close();
      return;
    }
    idle.push(pooled);
    this.#idle.set(key, idle);
  }

  /** Closes every idle connection and keeps the pool usable (the lab changed: the next probe dials anew). */
  async drain(): Promise<void> {
    const all = [...this.#idle.values()].flat();
    this.#idle.clear();
    await Promise.all(all.map((pooled) => pooled.link.close()));
  }

  /** Closes every idle connection; connections given back later are closed at once. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  /** Idle connections held now. */
  get size(): number {
    let count = 0;
    for (const idle of this.#idle.values()) count += idle.length;
    return count;
  }
}
