/**
 * The stable failure codes of a connection attempt (DESIGN.md §6: "Failure classifications are stable codes
 * documented in one table"). Callers, expectations and reports match on the code, never on the message.
 */
export const TLS_FAILURE_CODES = {
  "connection-refused": "The peer refused the TCP connection (nothing listens on that address and port).",
  "connection-timeout": "The TCP connect or the TLS handshake did not finish within our timeout.",
  "connection-reset": "The peer reset or closed the connection without a TLS alert.",
  "connection-failed": "The TCP connection could not be made for another reason (unreachable, address not available).",
  "name-not-resolved": "The target's host name did not resolve to an address.",
  aborted: "We cancelled the attempt (interrupt or caller's signal); says nothing about the peer.",
  "tls-client-cert-rejected":
    "The server rejected our client certificate, or its absence (TLS alert 40, 42–46, 48 or 116).",
  "tls-protocol-version": "No TLS version both sides accept (alert 70, or our side refused the server's version).",
  "tls-untrusted-server": "The server's certificate chain does not lead to a CA we trust (expired, self-signed, unknown issuer …).",
  "tls-name-mismatch": "The server's certificate does not name the host we asked for (Subject CN or SAN).",
  "tls-handshake-failed": "The TLS handshake failed for another reason; the raw OpenSSL code is kept.",
} as const;

export type TlsFailureCode = keyof typeof TLS_FAILURE_CODES;

/** Where in a connection's life the failure happened. */
export type TlsPhase = "connect" | "handshake" | "after-handshake";

/**
 * What went wrong with a connection, as evidence: a stable `code`, a message that says what to do, and the raw
 * facts it was derived from.
 */
export interface TlsFailure {
  code: TlsFailureCode;
  /** What happened and, where we can tell, what to change. */
  message: string;
  phase: TlsPhase;
  /** The TLS alert number the peer sent, or null when there was none. */
  alert: number | null;
  /** Its RFC name (`"certificate_required"`), or null. */
  alertName: string | null;
  /** OpenSSL's reason (`"TLSV13_ALERT_CERTIFICATE_REQUIRED"`) or certificate verify code (`"CERT_HAS_EXPIRED"`). */
  opensslCode: string | null;
  /** The error code exactly as Node reported it (`"ECONNRESET"`, `"ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"`), or null. */
  rawCode: string | null;
}

export function isTlsFailureCode(value: unknown): value is TlsFailureCode {
  return typeof value === "string" && Object.hasOwn(TLS_FAILURE_CODES, value);
}
