/**
 * What one TLS connection to a live server showed, gathered by the CLI (harness/cli/certs-lint-live.ts) and
 * judged by the `live-*` lint rules. Plain data: pki never opens a socket.
 */
export interface LiveTlsFacts {
  /** `host:port` as given. */
  readonly target: string;
  /** SNI sent, if any (never for an IP address). */
  readonly servername: string | undefined;
  /** The TCP connection was established. */
  readonly connected: boolean;
  /** The TLS handshake completed on our side. */
  readonly handshakeCompleted: boolean;
  /** `TLSv1.3`, `TLSv1.2`, … when known. */
  readonly protocol: string | undefined;
  /** Negotiated cipher suite (IANA/OpenSSL name) when known. */
  readonly cipher: string | undefined;
  /** The certificates the server sent, leaf first (PEM). Empty when it sent none. */
  readonly peerChainPems: string[];
  /**
   * Whether the server sent a CertificateRequest (asked for our certificate). `undefined` when the handshake
   * could not be read (e.g. a cipher suite the inspector does not decrypt).
   */
  readonly clientCertificateRequested: boolean | undefined;
  /** We had a client certificate (`--cert`/`--pfx`) to send. */
  readonly clientCertificateOffered: boolean;
  /**
   * Whether the server kept the connection after seeing our certificate (or our lack of one): `true` accepted,
   * `false` it aborted with an alert, `undefined` not decided (no handshake).
   */
  readonly clientCertificateAccepted: boolean | undefined;
  /** How acceptance was decided: "session ticket received", "no alert within 500 ms", "alert 48 (unknown_ca)". */
  readonly acceptanceEvidence: string | undefined;
  /** The error that ended the connection, if one did. */
  readonly error: { readonly code: string | undefined; readonly message: string; readonly alert?: number } | undefined;
  /** Milliseconds from connect to the handshake outcome. */
  readonly elapsedMs: number;
}
