import type { MediaEvidence } from "./media-evidence.js";
import type { MediaProtection, Signaling } from "./signaling.js";
import type { TargetRole } from "./target-role.js";
import type { ExchangeMode } from "./voip-security.js";
import type { TlsEvidence } from "./tls-evidence.js";
import type { MsDiagnostics } from "./ms-diagnostics.js";
import type { TraceEntry } from "./trace-entry.js";
import type { ProbeFailure } from "./probe-failure.js";
import type { ProbeWarningCode } from "./probe-warning.js";

/** Timings of one hop in milliseconds (null where the step did not happen). */
export interface HopTimings {
  readonly tcpConnectMs: number | null;
  readonly tlsHandshakeMs: number | null;
  /** From sending the request to the first response of any class. */
  readonly firstResponseMs: number | null;
  /** From sending the request to the final response. */
  readonly finalResponseMs: number | null;
}

/** One request sent: where, over what, and what came back (docs/design.md §3 evidence). */
export interface Hop {
  readonly method: "OPTIONS" | "INVITE";
  /** The Request-URI sent. */
  readonly target: string;
  /**
   * The host the request was sent to: the next hop when it is apart from the Request-URI (`--next-hop`, a scenario's
   * first hop), else the Request-URI's host. Absent in runs recorded before it was kept.
   */
  readonly host?: string;
  readonly address: string | null;
  readonly port: number;
  readonly transport: "tls" | "tcp";
  /**
   * Whether the request went on a new connection or on one kept open from the hop before (a redirect to the same host,
   * port, transport and identity: docs/design.md §10 "Connection reuse"). A reused hop's `tls` is that connection's
   * handshake, and its connect/handshake timings are null. Absent in runs recorded before it was kept.
   */
  readonly connection?: "new" | "reused";
  readonly status: number | null;
  readonly reason: string | null;
  /** Provisional statuses seen before the final one. */
  readonly provisional: number[];
  readonly headers: Readonly<Record<string, string[]>>;
  readonly diagnostics: MsDiagnostics[];
  readonly signaling: Signaling | null;
  readonly tls: TlsEvidence | null;
  readonly timings: HopTimings;
  readonly failure: ProbeFailure | null;
  /**
   * The role and server the scenario runner recognised at this hop (the lab's address plan or the site's bindings),
   * when it did; absent on results of `exum options` and `exum call`, which know no topology.
   */
  readonly role?: TargetRole | null;
  readonly server?: string | null;
}

/** Media as negotiated on an answered call (calls only). */
export interface Negotiated {
  readonly signaling: Signaling;
  readonly media: MediaProtection | null;
  readonly suite: string | null;
  readonly cryptoTag: number | null;
  /** The answer's m= transport profile, e.g. RTP/SAVP. */
  readonly profile: string | null;
  /** Exchange's name for the result: Unsecured, SIPSecured or Secured (docs/protocol.md §2). */
  readonly mode: ExchangeMode | null;
}

/** What one `exum options` or `exum call` observed, JSON-serialisable (the `--json` output). */
export interface ProbeResult {
  readonly kind: "options" | "call";
  /** `ok` (OPTIONS answered 2xx), `answered` (call answered), `failed`. */
  readonly outcome: "ok" | "answered" | "failed";
  /** The final status of the last hop, or null when none arrived. */
  readonly status: number | null;
  readonly reason: string | null;
  readonly failure: ProbeFailure | null;
  /** TLS evidence of the last connection made. */
  readonly tls: TlsEvidence | null;
  readonly hops: Hop[];
  readonly negotiated: Negotiated | null;
  readonly sdp: { readonly offer: string | null; readonly answer: string | null } | null;
  /** `--insecure` was in force: verification failures were recorded, not enforced. */
  readonly insecure: boolean;
  readonly warnings: string[];
  /** The stable codes of the warnings that have one (model/probe-warning.ts); absent in runs recorded before they were kept. */
  readonly warningCodes?: ProbeWarningCode[];
  readonly trace: TraceEntry[];
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface CallProbeResult extends ProbeResult {
  /** The media of an answered call, both directions, as measured on the wire (null when none was set up). */
  readonly media: MediaEvidence | null;
  /** Who ended an answered call: we (BYE after the hold) or the peer (its BYE or a dropped connection). */
  readonly endedBy: "us" | "peer" | null;
  /**
   * Why the peer ended it: the `Reason` and ms-diagnostics of its BYE, or "the connection closed"; absent or null
   * when we ended the call.
   */
  readonly endReason?: string | null;
}
