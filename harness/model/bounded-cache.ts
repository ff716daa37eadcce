/**
 * A map of at most `limit` entries, the least recently used dropped first: the one home for the harness's per-process
 * caches of work a run repeats (SecureContexts, certificate summaries, keys read from PEM; docs/design.md §10). What
 * `make` throws is thrown again and nothing is remembered, so bad input fails each time it is given.
 */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The value for `key`, made by `make` (and remembered) when there is none yet. */
  get(key: K, make: () => V): V {
    if (this.#entries.has(key)) {
      const value = this.#entries.get(key) as V;
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
      this.#entries.delete(key);
      this.#entries.set(key, value);
      return value;
    }
    const value = make();
    this.#entries.set(key, value);
    if (this.#entries.size > this.#limit) this.#entries.delete(this.#entries.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
