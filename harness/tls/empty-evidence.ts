import type { TlsEvidence } from "../model/tls-evidence.js";

/** Evidence before anything was seen. */
export function emptyEvidence(transport: "tcp" | "tls"): TlsEvidence {
  return {
    transport,
    tcp: { localAddress: null, localPort: null, remoteAddress: null, remotePort: null },
    version: null,
    cipher: null,
    sni: null,
    alpn: null,
    peer: null,
    peerChain: [],
    verification: { trusted: false, error: null, nameMatches: null, verifiedName: null, insecure: false },
    clientCertificate: {
      sent: false,
      requested: null,
      requestedBasis: transport === "tcp" ? "plain TCP: no TLS handshake" : "no handshake yet",
      accepted: null,
      subject: null,
    },
    warnings: [],
  };
}
