import type { CertificateSummary } from "./certificate-summary.js";

/** How the server's certificate fared against our trust list and the name we asked for. */
export interface VerificationEvidence {
  /** The chain leads to a CA in our list (OpenSSL's verdict). */
  trusted: boolean;
  /** OpenSSL's verify code when not trusted (`"SELF_SIGNED_CERT_IN_CHAIN"`, `"CERT_HAS_EXPIRED"` …), else null. */
  error: string | null;
  /** The certificate names the host we verified against; null when there was no certificate to check. */
  nameMatches: boolean | null;
  /** The name (FQDN or IP) we verified the certificate against, or null. */
  verifiedName: string | null;
  /**
   * Verification was not enforced on this connection (`--insecure`): every output must say so loudly. What it
   * let through, if anything, is in `warnings`.
   */
  insecure: boolean;
}

/**
 * Our side of mutual TLS. "Report 'mutual TLS accepted' only after the first SIP response arrives" (docs/protocol.md §5):
 * the dialler fills `sent` and `requested`; the SIP layer settles `accepted` with markClientCertificate (harness/tls).
 */
export interface ClientCertificateEvidence {
  /** We presented a certificate: the server asked for one and we had an identity. */
  sent: boolean;
  /** The server sent a CertificateRequest; null when we could not tell (see `requestedBasis`). */
  requested: boolean | null;
  /** How `requested` was learnt, or why it could not be: a sentence for the report. */
  requestedBasis: string;
  /** true once the server answered a request on the connection, false when it rejected us; null until then. */
  accepted: boolean | null;
  /** Subject of the certificate we sent, or null. */
  subject: string | null;
  /**
   * The CA names the server's CertificateRequest listed ("acceptable certificate authorities", RFC 5246 §7.4.4), as
   * `O=…, CN=…`: [] for an empty list (any certificate may be sent), null when no CertificateRequest was read.
   * A Windows client picks its certificate by this list; Schannel truncates it past 16 KB (docs/protocol.md §5
   * "The CertificateRequest's CA list"). Absent in runs recorded before it was kept.
   */
  acceptableCAs?: string[] | null;
  /**
   * Whether one of the names is the issuer of our certificate or of a CA certificate in the chain we present; null
   * when the list is empty or unknown, or we had no certificate.
   */
  issuerListed?: boolean | null;
}

/** The TCP endpoints of the connection. */
export interface EndpointEvidence {
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string | null;
  remotePort: number | null;
}

/**
 * What was negotiated on one connection, as seen — not as concluded (docs/design.md §3). JSON-serialisable; a failed
 * attempt carries what was known when it failed.
 */
export interface TlsEvidence {
  transport: "tcp" | "tls";
  tcp: EndpointEvidence;
  /** `"TLSv1.3"`, `"TLSv1.2"` …; null before (or without) a handshake. */
  version: string | null;
  cipher: { name: string; standardName: string; version: string } | null;
  /** The server name we sent as SNI, or null (a bare IP target sends none). */
  sni: string | null;
  /** The ALPN protocol the server selected, or null. */
  alpn: string | null;
  /** The server's leaf certificate. */
  peer: CertificateSummary | null;
  /** The server's chain, leaf first, completed from our CA list where it matched. */
  peerChain: CertificateSummary[];
  verification: VerificationEvidence;
  clientCertificate: ClientCertificateEvidence;
  /** Things a report must show even when the attempt succeeded (`--insecure` overrides, observer doubts). */
  warnings: string[];
}
