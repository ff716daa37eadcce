import { isLoopbackAddress } from "../../model/loopback-address.js";
import { inputError } from "../../errors/harness-error.js";
import type { AddressPlan } from "./address-plan.js";

/** One change of the name map: `address` null when the name was removed. */
export interface NameChange {
  readonly fqdn: string;
  readonly previous: string | null;
  readonly address: string | null;
}

export type NameChangeListener = (change: NameChange) => void;

function normalize(fqdn: string): string {
  return fqdn.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * The lab's name resolution: FQDN → loopback address, the lab's "DNS A records" (docs/design.md §5). It changes while
 * the lab runs: seed example 1 (docs/protocol.md §7) "the DNS A records of servers 1 and 2 are pointed at servers 3 and
 * 4" is `pointAt(mbx01, mbx03); pointAt(mbx02, mbx04)`. The SIP client resolves through it (`nameMapResolver`) and
 * so does the lab DNS server (`startLabDns`). Names compare without case and without a trailing dot.
 */
export class NameMap {
  readonly #records = new Map<string, string>();
  readonly #initial = new Map<string, string>();
  readonly #listeners = new Set<NameChangeListener>();

  constructor(entries: Iterable<readonly [string, string]> = []) {
    for (const [fqdn, address] of entries) {
      const name = normalize(fqdn);
      this.#check(name, address);
      this.#records.set(name, address);
      this.#initial.set(name, address);
    }
  }

  /** A map with every server of an address plan at its own address. */
  static fromPlan(plan: AddressPlan): NameMap {
    return new NameMap(plan.servers.map((server) => [server.fqdn, server.address] as const));
  }

  /** The address `fqdn` resolves to now, or undefined (NXDOMAIN). */
  resolve(fqdn: string): string | undefined {
    return this.#records.get(normalize(fqdn));
  }

  has(fqdn: string): boolean {
    return this.#records.has(normalize(fqdn));
  }

  /** Every name and its current address, sorted by name. */
  entries(): [string, string][] {
    return [...this.#records.entries()].sort(([a], [b]) => a.localeCompare(b));
  }

  /** Sets (or adds) the A record of `fqdn`. Only loopback addresses are accepted (`EXUM_LAB_NOT_LOOPBACK`). */
  set(fqdn: string, address: string): void {
    const name = normalize(fqdn);
    this.#check(name, address);
    this.#change(name, address);
  }

  /**
   * Points the A record of `fqdn` at the address `target` has now (a copy, as a DNS administrator would do it:
   * later changes of `target` do not follow). Throws `EXUM_LAB_UNKNOWN_NAME` when `target` has no record.
   */
  pointAt(fqdn: string, target: string): void {
    const address = this.resolve(target);
    if (address === undefined) {
      throw inputError("EXUM_LAB_UNKNOWN_NAME", `cannot point ${fqdn} at ${target}: ${target} is not a name of the lab`, {
        hint: `use one of: ${[...this.#records.keys()].join(", ")}`,
      });
    }
    this.set(fqdn, address);
  }

  /** Removes the A record of `fqdn` (it then gets NXDOMAIN); false when it had none. */
  delete(fqdn: string): boolean {
    const name = normalize(fqdn);
    if (!this.#records.has(name)) return false;
    this.#change(name, null);
    return true;
  }

  /** Puts every record back as the map was created (a scenario's tear-down). */
  reset(): void {
    for (const name of [...this.#records.keys()]) if (!this.#initial.has(name)) this.#change(name, null);
    for (const [name, address] of this.#initial) this.#change(name, address);
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  onChange(listener: NameChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #check(name: string, address: string): void {
    if (name === "" || !isLoopbackAddress(address)) {
      throw inputError("EXUM_LAB_NOT_LOOPBACK", `${shown(name)} → ${address}: the lab's names may only point at loopback addresses`, {
        hint: "use an address in 127.0.0.0/8 (or ::1); the lab never touches another network",
      });
    }
  }

  #change(name: string, address: string | null): void {
    const previous = this.#records.get(name) ?? null;
    if (previous === address) return;
    if (address === null) this.#records.delete(name);
    else this.#records.set(name, address);
    for (const listener of [...this.#listeners]) {
      try {
        listener({ fqdn: name, previous, address });
      } catch {
        // a listener's failure is its own; the map and the other listeners carry on
      }
    }
  }
}

function shown(name: string): string {
  return name === "" ? "(empty name)" : name;
}
