import type { Signaling } from "../model/signaling.js";
import type { TlsEvidence } from "../model/tls-evidence.js";

/**
 * `mtls` only when our certificate was sent and the server then accepted us (a SIP response arrived);
 * `tls` when the server never asked for a certificate (baresip: "a peer that does not authenticate us is itself a
 * finding", docs/peers.md), or when acceptance is not settled; `tcp` without TLS.
 */
export function signalingSecurity(evidence: TlsEvidence): Signaling {
  if (evidence.transport === "tcp") return "tcp";
  const { sent, accepted } = evidence.clientCertificate;
  return sent && accepted === true ? "mtls" : "tls";
}
