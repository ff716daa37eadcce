import { SYSTEM_CLOCK, type Clock } from "../model/clock.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import type { PacketCapture } from "../model/packet-capture.js";
import type { KeylogSink } from "../tls/keylog.js";
import type { Logger } from "../log/logger.js";
import type { ConnectionPool } from "./connection-pool.js";
import type { TlsVersion } from "../tls/tls-version.js";
import type { Resolver } from "./resolve-map.js";

/** What every probe needs to know: who we are, whom we trust, how long we wait. */
export interface ProbeOptions {
  /** Our certificate and key (chain included); none means no client certificate is offered. */
  identity?: TlsIdentity;
  /** CA certificates (PEM) the server's chain must lead to. */
  caPem: string[];
  /** Connect even when the server is untrusted or misnamed; every output says so loudly. @defaultValue false */
  insecure?: boolean;
  resolver: Resolver;
  /** From user part. @defaultValue "exum" */
  fromUser?: string;
  /** From domain: the FQDN we claim (the pool we play). @defaultValue our identity's CN, else "exum.invalid" */
  fromDomain?: string;
  /** Bound on TCP connect, on the TLS handshake, and on waiting for a final response, each. @defaultValue 8000 */
  timeoutMs?: number;
  keylog?: KeylogSink;
  /** Records every connection's bytes, the media datagrams and the key log for a pcapng file (docs/media.md §9). */
  capture?: PacketCapture;
  logger?: Logger;
  signal?: AbortSignal;
  /** TLS versions to offer (docs/peers.md: a server may reject a client certificate differently under 1.2 and 1.3). */
  minTlsVersion?: TlsVersion;
  maxTlsVersion?: TlsVersion;
  /**
   * Connections kept open between probes (a scenario run's, a benchmark's): a request to a next hop the pool holds
   * an open connection to, with the same identity and trust, goes on it instead of a new one, and a connection whose
   * transaction ended cleanly goes back (docs/design.md §10 "Connection reuse"). None: every probe dials its own.
   */
  connections?: ConnectionPool;
  /** Where the probe reads time (startedAt, durations, the trace's times). @defaultValue SYSTEM_CLOCK */
  clock?: Clock;
}

/** The defaults of {@link ProbeOptions} (one place; `fromUser`/`fromDomain` are derived, from-address.ts). */
export const PROBE_DEFAULTS = {
  insecure: false,
  timeoutMs: 8000,
  clock: SYSTEM_CLOCK,
} as const satisfies Partial<ProbeOptions>;

/** ProbeOptions with the defaults merged: what a probe's parts (runHop, openConnection) read. */
export type ProbeSettings<T extends ProbeOptions = ProbeOptions> = T & { readonly [K in keyof typeof PROBE_DEFAULTS]: NonNullable<ProbeOptions[K]> };

/** Merges {@link PROBE_DEFAULTS} once, where a probe starts. */
export function withProbeDefaults<T extends ProbeOptions>(options: T): ProbeSettings<T> {
  return {
    ...options,
    insecure: options.insecure ?? PROBE_DEFAULTS.insecure,
    timeoutMs: options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs,
    clock: options.clock ?? PROBE_DEFAULTS.clock,
  };
}
