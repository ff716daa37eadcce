import type { TlsEvidence } from "../model/tls-evidence.js";

/**
 * Settles whether the server accepted us as a client, in place, and returns the same evidence.
 *
 * Call with `true` when the first SIP response arrives on the connection, `false` when the server rejects us after
 * the handshake: "a server that rejects a missing or untrusted client certificate does so *after* the client's
 * handshake has completed; the client sees alert 116 (certificate required) or 48 (unknown CA) on its first read …
 * Report 'mutual TLS accepted' only after the first SIP response arrives." (docs/protocol.md §5)
 *
 * `accepted` describes our certificate, so `true` is recorded only when one was sent (a server that never asked
 * accepted nothing); `false` is always recorded (the server refused us, with or without a certificate).
 */
export function markClientCertificate(evidence: TlsEvidence, accepted: boolean): TlsEvidence {
  if (evidence.transport !== "tls") return evidence;
  if (!accepted) evidence.clientCertificate.accepted = false;
  else if (evidence.clientCertificate.sent) evidence.clientCertificate.accepted = true;
  return evidence;
}
