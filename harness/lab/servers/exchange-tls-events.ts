import { eventLevelOf } from "./lab-event-ids.js";
import type { SimServerContext, SimTlsFailure } from "./sim-server.js";

const WHY: Readonly<Record<SimTlsFailure["kind"], string>> = {
  "no-client-certificate": "the peer presented no certificate",
  "untrusted-client-certificate": "the peer's certificate is not trusted (it does not chain to a trusted root, or is not valid now)",
  other: "the TLS handshake failed",
};

/**
 * Writes the TLS failure event of an Exchange UM server. docs/protocol.md §5: "TLS itself fails (untrusted CA, expired,
 * revoked, unusable): **no SIP response at all**; the handshake is aborted (TLS alert or close). Exchange logs 1649
 * (Call Router) or 1113 (UM service)."
 */
export function writeTlsFailure(context: SimServerContext, eventId: 1649 | 1113, failure: SimTlsFailure): void {
  context.events.write(eventId, eventLevelOf(eventId), `A TLS connection from ${failure.peerAddress} on port ${failure.listener.port} failed: ${WHY[failure.kind]} (${failure.code ?? failure.message})`, {
    peer: failure.peerAddress,
    peerPort: failure.peerPort,
    listener: failure.listener.name,
    kind: failure.kind,
    code: failure.code,
    message: failure.message,
  });
}

/**
 * docs/protocol.md §4: "1684 certificate Subject Name is not a valid FQDN (e.g. a wildcard CN; breaks the local SIP
 * OPTIONS probe)". Written once when the server starts with such a certificate.
 */
export function checkOwnCertificate(context: SimServerContext): void {
  const cn = context.certificate.commonName;
  const fqdn = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
  if (cn !== null && fqdn.test(cn)) return;
  context.events.write(1684, eventLevelOf(1684), `The certificate's Subject Name ${cn === null ? "(no CN)" : `"${cn}"`} is not a valid FQDN`, {
    subject: context.certificate.subject,
    fingerprint256: context.certificate.fingerprint256,
  });
}
