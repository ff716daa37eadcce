import type { TlsEvidence } from "../model/tls-evidence.js";
import type { TlsFailure } from "../model/tls-failure.js";

/** Durations in ms measured with `performance.now()`. */
export interface DialTimings {
  /** `performance.now()` when the attempt began: later timings (first response) can be measured from it. */
  start: number;
  /** From the start to TCP connected (includes name resolution); null when it never connected. */
  tcpConnect: number | null;
  /** From TCP connected to the handshake's end (`secureConnect`); null without a completed handshake. */
  tlsHandshake: number | null;
}

/**
 * The outcome of a connection attempt. A peer's misbehaviour (refused, reset, alert, untrusted certificate) is a
 * failure value, never an exception; the evidence of a failure holds what was known when it failed.
 */
export type DialResult<S> =
  | { ok: true; socket: S; evidence: TlsEvidence; timings: DialTimings }
  | { ok: false; failure: TlsFailure; evidence: TlsEvidence; timings: DialTimings };
