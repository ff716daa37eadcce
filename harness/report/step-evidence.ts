import type { JsonValue } from "./json-value.js";

/**
 * What a step saw, as JSON (DESIGN.md §3: "A step's evidence is what was seen, not what was concluded"). These types
 * mirror harness/sip's ProbeResult, harness/tls's TlsEvidence and harness/pki's LintReport field for field, so the
 * runner stores those values as they are (harness/scenario checks the match at compile time); harness/report reads
 * only these declarations (DESIGN.md §2: "report reads only the run model").
 */

export interface CertificateEvidence {
  readonly subject: string;
  readonly commonName: string | null;
  readonly san: readonly string[];
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
  readonly serialNumber: string;
}

export interface TlsConnectionEvidence {
  readonly transport: "tcp" | "tls";
  readonly tcp: { readonly localAddress: string | null; readonly localPort: number | null; readonly remoteAddress: string | null; readonly remotePort: number | null };
  readonly version: string | null;
  readonly cipher: { readonly name: string; readonly standardName: string; readonly version: string } | null;
  readonly sni: string | null;
  readonly alpn: string | null;
  readonly peer: CertificateEvidence | null;
  readonly peerChain: readonly CertificateEvidence[];
  readonly verification: {
    readonly trusted: boolean;
    readonly error: string | null;
    readonly nameMatches: boolean | null;
    readonly verifiedName: string | null;
    readonly insecure: boolean;
  };
  readonly clientCertificate: {
    readonly sent: boolean;
    readonly requested: boolean | null;
    readonly requestedBasis: string;
    readonly accepted: boolean | null;
    readonly subject: string | null;
  };
  readonly warnings: readonly string[];
}

/** A stable failure code (harness/scenario failureCodeTable) and what happened. */
export interface FailureEvidence {
  readonly code: string;
  readonly message: string;
}

export interface DiagnosticsEvidence {
  readonly header: "ms-diagnostics" | "ms-diagnostics-public";
  readonly code: number | null;
  readonly reason: string | null;
  readonly source: string | null;
  readonly appName: string | null;
  readonly component: string | null;
  readonly raw: string;
}

export interface HopTimingsEvidence {
  readonly tcpConnectMs: number | null;
  readonly tlsHandshakeMs: number | null;
  readonly firstResponseMs: number | null;
  readonly finalResponseMs: number | null;
}

/** One request of a probe: where it went and what came back. */
export interface HopEvidence {
  readonly method: "OPTIONS" | "INVITE";
  readonly target: string;
  readonly address: string | null;
  readonly port: number;
  readonly transport: "tls" | "tcp";
  readonly status: number | null;
  readonly reason: string | null;
  readonly provisional: readonly number[];
  readonly headers: { readonly [name: string]: readonly string[] };
  readonly diagnostics: readonly DiagnosticsEvidence[];
  readonly signaling: "tcp" | "tls" | "mtls" | null;
  readonly tls: TlsConnectionEvidence | null;
  readonly timings: HopTimingsEvidence;
  readonly failure: FailureEvidence | null;
  /** The role and server the runner recognised at this hop (lab address plan or site bindings), when it did. */
  readonly role?: string | null;
  readonly server?: string | null;
}

export interface NegotiatedEvidence {
  readonly signaling: "tcp" | "tls" | "mtls";
  readonly media: "rtp" | "srtp" | null;
  readonly suite: string | null;
  readonly cryptoTag: number | null;
  readonly profile: string | null;
  readonly mode: "Unsecured" | "SIPSecured" | "Secured" | null;
}

/** One SIP message as it crossed the wire (the ladder diagram is drawn from these). */
export interface TraceEvidence {
  readonly direction: "sent" | "received";
  readonly atMs: number;
  readonly wallTime: string;
  readonly transport: "TLS" | "TCP";
  readonly local: string;
  readonly remote: string;
  readonly firstLine: string;
  readonly callId: string | null;
  readonly cseq: string | null;
  readonly raw: string;
}

/** An OPTIONS or call probe (harness/sip ProbeResult / CallProbeResult). */
export interface ProbeEvidence {
  readonly kind: "options" | "call";
  readonly outcome: "ok" | "answered" | "failed";
  readonly status: number | null;
  readonly reason: string | null;
  readonly failure: FailureEvidence | null;
  readonly tls: TlsConnectionEvidence | null;
  readonly hops: readonly HopEvidence[];
  readonly negotiated: NegotiatedEvidence | null;
  readonly sdp: { readonly offer: string | null; readonly answer: string | null } | null;
  readonly insecure: boolean;
  readonly warnings: readonly string[];
  readonly trace: readonly TraceEvidence[];
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface LintFindingEvidence {
  readonly ruleId: string;
  readonly severity: "error" | "warning";
  readonly status: "pass" | "fail" | "skip";
  readonly title: string;
  readonly message: string;
  readonly fix?: string;
}

/** A certs step: the lint of what the target presented (harness/pki LintReport), or why it could not connect. */
export interface LintEvidence {
  readonly kind: "certs";
  readonly verdict: "pass" | "fail" | null;
  readonly certificate: CertificateEvidence | null;
  readonly chain: readonly CertificateEvidence[];
  readonly findings: readonly LintFindingEvidence[];
  /** What the live connection showed (harness/pki LiveTlsFacts), as JSON. */
  readonly live: JsonValue;
  readonly failure: FailureEvidence | null;
  readonly tls: TlsConnectionEvidence | null;
  readonly durationMs: number;
}

/** One server of a failover step. */
export interface FailoverAttemptEvidence {
  readonly server: string;
  readonly role: string | null;
  readonly evidence: ProbeEvidence;
}

/** A failover step (PROTOCOL.md §7, MS-EUMR): every attempt, who answered and how long moving on took. */
export interface FailoverEvidence {
  readonly kind: "failover";
  readonly attempts: readonly FailoverAttemptEvidence[];
  /** The server that answered, or null when all failed. */
  readonly servedBy: string | null;
  /** From the first attempt to the answer of the server that served; null when none did. */
  readonly failoverMs: number | null;
  readonly failure: FailureEvidence | null;
  readonly durationMs: number;
}

/** A lab step: the changes applied, each in a sentence (`mbx01.tukwila.contoso.com → 127.42.7.13`). */
export interface LabEvidence {
  readonly kind: "lab";
  readonly changes: readonly string[];
}

export interface WaitEvidence {
  readonly kind: "wait";
  readonly ms: number;
}

export type StepEvidence = ProbeEvidence | LintEvidence | FailoverEvidence | LabEvidence | WaitEvidence;
