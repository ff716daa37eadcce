import type { TlsEvidence } from "../tls/tls-evidence.js";
import type { MsDiagnostics } from "./ms-diagnostics.js";
import type { TraceEntry } from "./message-trace.js";
import type { ProbeFailure } from "../model/probe-failure.js";

/** Signalling as negotiated: plain TCP, TLS where the server did not authenticate us, or mutual TLS. */
export type Signaling = "tcp" | "tls" | "mtls";

/** Timings of one hop in milliseconds (null where the step did not happen). */
export interface HopTimings {
  readonly tcpConnectMs: number | null;
  readonly tlsHandshakeMs: number | null;
  /** From sending the request to the first response of any class. */
  readonly firstResponseMs: number | null;
  /** From sending the request to the final response. */
  readonly finalResponseMs: number | null;
}

/** One request sent: where, over what, and what came back (DESIGN.md §3 evidence). */
export interface Hop {
  readonly method: "OPTIONS" | "INVITE";
  /** The Request-URI sent. */
  readonly target: string;
  readonly address: string | null;
  readonly port: number;
  readonly transport: "tls" | "tcp";
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
}

/** Media as negotiated on an answered call (calls only). */
export interface Negotiated {
  readonly signaling: Signaling;
  readonly media: "rtp" | "srtp" | null;
  readonly suite: string | null;
  readonly cryptoTag: number | null;
  /** The answer's m= transport profile, e.g. RTP/SAVP. */
  readonly profile: string | null;
  /** Exchange's name for the result: Unsecured, SIPSecured or Secured (PROTOCOL.md §2). */
  readonly mode: "Unsecured" | "SIPSecured" | "Secured" | null;
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
  readonly trace: TraceEntry[];
  readonly startedAt: string;
  readonly durationMs: number;
}
