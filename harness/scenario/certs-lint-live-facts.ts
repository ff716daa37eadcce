import type { LiveTlsFacts } from "../pki/live-tls-facts.js";
import type { ProbeFailure } from "../model/probe-failure.js";
import type { ProbeResult } from "../model/probe-result.js";

/** What the probe result does not say about itself: what the user asked for. */
export interface LiveProbeRequest {
  /** `host:port` as given. */
  readonly target: string;
  /** The SNI asked for (none for an IP address). */
  readonly servername: string | undefined;
  /** We had a client certificate to present. */
  readonly clientCertificateOffered: boolean;
}

/**
 * The live facts `certs lint host:port` judges, read from one `probeOptions` result: the TLS layer's evidence
 * (version, cipher, peer chain, whether the server asked for our certificate) and the SIP layer's verdict on it.
 *
 * docs/protocol.md §5: "Report 'mutual TLS accepted' only after the first SIP response arrives." So a SIP response of any
 * status means the server accepted us; `tls-client-cert-rejected` (an alert, or a close after its
 * CertificateRequest, classified by harness/tls and harness/sip) means it refused us; anything else leaves acceptance
 * unknown, with the reason.
 */
export function liveTlsFactsOf(result: ProbeResult, request: LiveProbeRequest): LiveTlsFacts {
  const hop = result.hops[0];
  const tls = result.tls;
  const failure = hop?.failure ?? result.failure;
  const sipResponse = hop === undefined || hop.status === null ? undefined : { status: hop.status, reason: hop.reason ?? "" };
  const provisional = hop?.provisional ?? [];
  const answered = sipResponse !== undefined || provisional.length > 0;
  return {
    target: request.target,
    servername: request.servername,
    connected: hop !== undefined && hop.timings.tcpConnectMs !== null,
    handshakeCompleted: hop !== undefined && hop.timings.tlsHandshakeMs !== null,
    protocol: tls?.version ?? undefined,
    cipher: tls?.cipher?.standardName ?? tls?.cipher?.name ?? undefined,
    peerChainPems: (tls?.peerChain ?? []).flatMap((summary) => (summary.pem === undefined ? [] : [summary.pem])),
    clientCertificateRequested: tls?.clientCertificate.requested ?? undefined,
    clientCertificateRequestedBasis: tls?.clientCertificate.requestedBasis ?? "no TLS connection was made",
    clientCertificateOffered: request.clientCertificateOffered,
    ...acceptance(sipResponse, provisional, failure),
    sipResponse,
    error: answered || failure === null ? undefined : { code: failure.code, message: failure.message },
    elapsedMs: result.durationMs,
  };
}

function acceptance(
  response: LiveTlsFacts["sipResponse"],
  provisional: readonly number[],
  failure: ProbeFailure | null,
): Pick<LiveTlsFacts, "clientCertificateAccepted" | "acceptanceEvidence"> {
  if (response !== undefined) {
    const status = `${response.status} ${response.reason}`.trim();
    const classified = failure === null ? "" : ` (${failure.code})`;
    return { clientCertificateAccepted: true, acceptanceEvidence: `a SIP response came back: OPTIONS → ${status}${classified}` };
  }
  if (provisional.length > 0) {
    return { clientCertificateAccepted: true, acceptanceEvidence: `a SIP response came back: OPTIONS → ${provisional.join(", ")}, then no final one` };
  }
  if (failure?.code === "tls-client-cert-rejected") return { clientCertificateAccepted: false, acceptanceEvidence: failure.message };
  const why = failure === null ? "" : ` (${failure.code}: ${failure.message})`;
  return { clientCertificateAccepted: undefined, acceptanceEvidence: `no SIP response came back${why}` };
}
