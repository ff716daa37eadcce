import type { TlsPhase } from "../model/tls-failure.js";

/** The error our own connect/handshake timers raise; {@link classifyTlsFailure} maps it to `connection-timeout`. */
export class DialTimeoutError extends Error {
  readonly code = "EXUM_DIAL_TIMEOUT";
  readonly phase: TlsPhase;
  readonly timeoutMs: number;

  constructor(phase: TlsPhase, timeoutMs: number) {
    super(
      phase === "connect"
        ? `the TCP connection was not established within ${timeoutMs} ms`
        : `the TLS handshake did not finish within ${timeoutMs} ms`,
    );
    this.name = "DialTimeoutError";
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}
