import type { FailureCodeOf } from "./failure-code.js";

/** A failure code of a connection attempt (docs/failure-codes.md, layer `connection`). */
export type TlsFailureCode = FailureCodeOf<"connection">;

/** Where in a connection's life the failure happened. */
export type TlsPhase = "connect" | "handshake" | "after-handshake";

/**
 * What went wrong with a connection, as evidence: a stable `code`, a message that says what to do, and the raw
 * facts it was derived from.
 */
export interface TlsFailure {
  readonly code: TlsFailureCode;
  /** What happened and, where we can tell, what to change. */
  readonly message: string;
  readonly phase: TlsPhase;
  /** The TLS alert number the peer sent, or null when there was none. */
  readonly alert: number | null;
  /** Its RFC name (`"certificate_required"`), or null. */
  readonly alertName: string | null;
  /** OpenSSL's reason (`"TLSV13_ALERT_CERTIFICATE_REQUIRED"`) or certificate verify code (`"CERT_HAS_EXPIRED"`). */
  readonly opensslCode: string | null;
  /** The error code exactly as Node reported it (`"ECONNRESET"`, `"ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"`), or null. */
  readonly rawCode: string | null;
}
