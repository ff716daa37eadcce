import type { LintRule } from "./lint-rule.js";

export const liveHandshake: LintRule = {
  id: "live-handshake",
  severity: "error",
  scope: "live",
  title: "The server completes a TLS handshake and presents a certificate",
  explanation:
    "A UM or Lync server that is up and trusted answers TLS on its port. A refused connection usually means no TLS " +
    "listener (UMStartupMode TCP); an alert or a close means TLS itself failed, and then no SIP response ever comes.",
  source: {
    ref: "docs/protocol.md §1 (UMStartupMode), §5 [DOC][OBS]",
    quote:
      "A secured dial plan on a server in TCP mode therefore finds no listener on 5061: connection refused. … " +
      "TLS itself fails (untrusted CA, expired, revoked, unusable): no SIP response at all.",
  },
  fix:
    "Check the port (Call Router 5061, UM service 5063, Mediation 5067/5070), that the service listens on TLS " +
    "(Set-UMCallRouterSettings / Set-UMService -UMStartupMode Dual) and has a certificate assigned.",
  check({ live }) {
    if (live === undefined) return { status: "skip", message: "not a live target" };
    const error = live.error === undefined ? "" : `: ${live.error.message}`;
    if (!live.connected) return { status: "fail", message: `no TCP connection to ${live.target}${error}` };
    if (live.peerChainPems.length === 0) {
      if (!live.handshakeCompleted && live.error?.code === "tls-client-cert-rejected") {
        return {
          status: "skip",
          message:
            `the server refused us inside the TLS handshake, before its certificate could be recorded${error}; ` +
            "lint again presenting a client certificate it accepts (--cert/--key or --pfx) to judge the one it presents",
        };
      }
      return { status: "fail", message: live.handshakeCompleted ? `the server sent no certificate${error}` : `the TLS handshake failed${error}` };
    }
    const negotiated = `${live.protocol ?? "TLS"} ${live.cipher ?? ""}`.trim();
    return { status: "pass", message: `presented ${live.peerChainPems.length} certificate(s); ${negotiated}` };
  },
};

export const liveClientCertificateRequested: LintRule = {
  id: "live-client-cert-requested",
  severity: "warning",
  scope: "live",
  title: "The server asks for a client certificate (mutual TLS)",
  explanation:
    "Between Exchange UM and Lync every TLS connection is mutual: the server authenticates its peer by certificate. " +
    "A server that never asks for one is not doing mutual TLS (fine for a lenient gateway, not for UM or Lync).",
  source: { ref: "docs/protocol.md §1, §5 [DOC]", quote: "all server-to-server SIP is MTLS" },
  fix: "On an SBC or gateway, enable client-certificate verification (mutual TLS) on the TLS profile facing UM or Lync.",
  check({ live }) {
    if (live === undefined) return { status: "skip", message: "not a live target" };
    if (live.clientCertificateRequested === undefined) {
      return { status: "skip", message: `could not tell whether the server asked: ${live.clientCertificateRequestedBasis}` };
    }
    return live.clientCertificateRequested
      ? { status: "pass", message: "the server sent a CertificateRequest: it asked for our certificate" }
      : { status: "fail", message: "the server did not ask for a client certificate" };
  },
};

export const liveClientCertificateAccepted: LintRule = {
  id: "live-client-cert-accepted",
  severity: "error",
  scope: "live",
  title: "The server accepts our client certificate (--cert/--pfx)",
  explanation:
    "The server verified our certificate against its trusted roots (and, for Exchange, our name against its peer " +
    "list). A rejection shows as an alert, unknown_ca (48) when it does not trust our CA, certificate_required (116) " +
    "when we sent none, or as a close. Over TLS 1.3 it arrives only after our handshake completed, so acceptance is " +
    "known once a SIP response to our OPTIONS comes back (any status: a 403 is a SIP answer, not a TLS refusal).",
  source: {
    ref: "docs/protocol.md §5 [DOC, seed][OBS]",
    quote:
      "Mutual TLS between Exchange UM and Lync requires certificates from a CA both sides trust … the client sees " +
      "alert 116 (certificate required) or 48 (unknown CA) on its first read. … Report \"mutual TLS accepted\" only " +
      "after the first SIP response arrives.",
  },
  fix:
    "Import the root CA of our certificate on the server (Trusted Root Certification Authorities), and check that " +
    "our certificate allows Client Authentication and names an FQDN the server expects (UM IP gateway, trusted application pool).",
  check({ live }) {
    if (live === undefined) return { status: "skip", message: "not a live target" };
    if (live.clientCertificateRequested === false) return { status: "skip", message: "the server did not ask for one" };
    const evidence = live.acceptanceEvidence === undefined ? "" : ` (${live.acceptanceEvidence})`;
    if (!live.clientCertificateOffered) {
      return live.clientCertificateAccepted === false
        ? { status: "skip", message: `we sent no client certificate and the server refused us${evidence}: pass --cert/--key or --pfx` }
        : { status: "skip", message: "we sent no client certificate: pass --cert/--key or --pfx to test one" };
    }
    if (live.clientCertificateAccepted === undefined) return { status: "skip", message: `acceptance unknown${evidence}` };
    return live.clientCertificateAccepted
      ? { status: "pass", message: `the server accepted our certificate${evidence}` }
      : { status: "fail", message: `the server rejected our certificate${evidence}` };
  },
};
