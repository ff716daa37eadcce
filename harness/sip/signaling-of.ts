import type { TlsEvidence } from "../model/tls-evidence.js";
import type { Signaling } from "../model/signaling.js";

/**
 * Signalling as negotiated on one connection. "mtls" needs all three: the server asked for our certificate,
 * we sent one, and the server went on to answer SIP (docs/peers.md: over TLS 1.3 a rejection comes after the
 * handshake, so acceptance is known only from the first response). A server that never asked is "tls": it
 * did not authenticate us, and that is itself a finding (docs/peers.md, baresip).
 */
export function signalingOf(transport: "tls" | "tcp", tls: TlsEvidence | null): Signaling {
  if (transport === "tcp" || tls === null) return "tcp";
  const client = tls.clientCertificate;
  return client.requested === true && client.sent && client.accepted === true ? "mtls" : "tls";
}
