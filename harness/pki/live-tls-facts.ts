import type { ProbeFailure } from "../model/probe-failure.js";
/**
 * What one SIP OPTIONS over TLS to a live server showed, gathered by the CLI and the runner (harness/scenario/certs-lint-live.ts, from
 * the SIP layer's probe and the TLS layer's evidence) and judged by the `live-*` lint rules. Plain data: pki never
 * opens a socket.
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
  /**
   * The server's chain, leaf first (PEM), as recorded once the handshake completed: what it sent, completed by Node
   * from the public roots where an issuer matched. Empty when it sent none, or when the handshake failed before the
   * chain was recorded (a TLS 1.2 server refusing our certificate, or its absence, does so inside the handshake).
   */
  readonly peerChainPems: string[];
  /** Whether the server sent a CertificateRequest (asked for our certificate); `undefined` when we could not tell. */
  readonly clientCertificateRequested: boolean | undefined;
  /** How `clientCertificateRequested` was learnt (read from the wire, inferred), or why it could not be. */
  readonly clientCertificateRequestedBasis: string;
  /** We had a client certificate (`--cert`/`--pfx`) to send. */
  readonly clientCertificateOffered: boolean;
  /**
   * Whether the server accepted us as a client, with our certificate or without one. docs/protocol.md §5: "Report 'mutual
   * TLS accepted' only after the first SIP response arrives." `true` a SIP response came back (any status), `false`
   * the server rejected us (`tls-client-cert-rejected`: an alert, or a close after its CertificateRequest),
   * `undefined` unknown (`acceptanceEvidence` says why).
   */
  readonly clientCertificateAccepted: boolean | undefined;
  /** How acceptance was decided: "a SIP response came back: OPTIONS → 200 OK", the rejection, or why it is unknown. */
  readonly acceptanceEvidence: string | undefined;
  /** The final response to our OPTIONS, when one arrived. */
  readonly sipResponse: { readonly status: number; readonly reason: string } | undefined;
  /**
   * Why no SIP response came, when none did: a stable classification `code` from the TLS or SIP layer
   * (`connection-refused`, `tls-client-cert-rejected`, `no-response` …) and a message that says what happened.
   */
  readonly error: ProbeFailure | undefined;
  /** Milliseconds from the start of the probe to its outcome (the SIP response, or the failure). */
  readonly elapsedMs: number;
}
