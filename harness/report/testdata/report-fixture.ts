import type { LabEvent } from "../../model/lab-event.js";
import type { MatrixResult } from "../../model/matrix-model.js";
import { RUN_SCHEMA_VERSION, type RunResult, type ScenarioResult, type StepResult } from "../../model/run-result.js";
import { summarizeRun } from "../run-summary.js";
import { scenarioVerdict } from "../../model/verdict.js";
import type { ProbeEvidence } from "../../model/step-evidence.js";
import type { TraceEntry } from "../../model/trace-entry.js";
import type { Hop } from "../../model/probe-result.js";
import type { TlsEvidence } from "../../model/tls-evidence.js";
import type { CertificateSummary } from "../../model/certificate-summary.js";

/**
 * A RunResult built by hand for the renderers' golden tests (markdown.test.ts, html.test.ts, the browser test): every
 * kind of step, every verdict, a failure with its fix, a matrix with a cell that differs, and peer text that tries to
 * break out of its place — a `<script>` in a Server header, HTML in a reason phrase, Markdown in an event message.
 */

/** The peer header value the browser test looks for as text. */
export const HOSTILE_SERVER_HEADER = '<script>window.__exumPwned = 1</script> RTCC/7.0 "x" & <b>bold</b>';
export const HOSTILE_REASON = "Not Acceptable <img src=x onerror=alert(1)> Here";

const CAS = "cas01.tukwila.contoso.com";
const MBX = "mbx01.tukwila.contoso.com";

const certificate = (fqdn: string): CertificateSummary => ({
  subject: `O=exum lab, CN=${fqdn}`,
  commonName: fqdn,
  san: [`DNS:${fqdn}`],
  issuer: "O=exum lab, CN=exum Lab Root CA",
  validFrom: "2026-01-01T00:00:00.000Z",
  validTo: "2028-01-01T00:00:00.000Z",
  fingerprint256: "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99",
  serialNumber: "0123456789ABCDEF",
});

const tls = (fqdn: string, address: string, port: number): TlsEvidence => ({
  transport: "tls",
  tcp: { localAddress: "127.0.0.1", localPort: 50100, remoteAddress: address, remotePort: port },
  version: "TLSv1.3",
  cipher: { name: "TLS_AES_256_GCM_SHA384", standardName: "TLS_AES_256_GCM_SHA384", version: "TLSv1.3" },
  sni: fqdn,
  alpn: null,
  peer: certificate(fqdn),
  peerChain: [certificate(fqdn)],
  verification: { trusted: true, error: null, nameMatches: true, verifiedName: fqdn, insecure: false },
  clientCertificate: { sent: true, requested: true, requestedBasis: "CertificateRequest seen", accepted: true, subject: "O=exum lab, CN=pool01.contoso.com" },
  warnings: [],
});

const OFFER = [
  "v=0",
  "o=exum 1 0 IN IP4 127.0.0.1",
  "s=session",
  "c=IN IP4 127.0.0.1",
  "t=0 0",
  "m=audio 40000 RTP/SAVP 0 101",
  "a=rtpmap:0 PCMU/8000",
  "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:uRrF0iyPeme7A8iJ819EeqrHk8PJtHaiCg4OZ2o4|2^31|1:1",
  "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:p1Ja4TMK73TGempXyID02wj+5kDlV7BJiFjs0FeR|2^31",
  "a=sendrecv",
  "",
].join("\r\n");

function message(lines: readonly string[], body = ""): string {
  return `${lines.join("\r\n")}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
}

function trace(direction: "sent" | "received", atMs: number, remote: string, raw: string): TraceEntry {
  const firstLine = raw.split("\r\n", 1)[0] ?? "";
  return {
    direction,
    atMs,
    wallTime: `2026-05-01T10:00:00.${String(Math.round(atMs)).padStart(3, "0")}Z`,
    transport: "TLS",
    local: "127.0.0.1:50100",
    remote,
    firstLine,
    callId: "a84b4c76e66710",
    cseq: /^CSeq: (.*)$/m.exec(raw)?.[1] ?? null,
    raw,
  };
}

const via = "Via: SIP/2.0/TLS 127.0.0.1:50100;branch=z9hG4bK776asdhds";
const dialog = ["From: <sip:exum@pool01.contoso.com>;tag=1928301774", "Call-ID: a84b4c76e66710"];

const casRemote = "127.42.7.10:5061";
const umRemote = "127.42.7.11:5063";
const workerRemote = "127.42.7.11:5066";

const failedCallTrace: TraceEntry[] = [
  trace("sent", 3.2, casRemote, message([`INVITE sip:alice@contoso.com;opaque=app:voicemail SIP/2.0`, via, ...dialog, "To: <sip:alice@contoso.com>", "CSeq: 1 INVITE"], OFFER)),
  trace("received", 9.8, casRemote, message(["SIP/2.0 302 Moved Temporarily", via, ...dialog, "To: <sip:alice@contoso.com>;tag=a6c85cf", "CSeq: 1 INVITE", `Contact: <sip:alice@${MBX}:5063;transport=TLS;opaque=app:voicemail>`])),
  trace("sent", 10.1, casRemote, message(["ACK sip:alice@contoso.com;opaque=app:voicemail SIP/2.0", via, ...dialog, "To: <sip:alice@contoso.com>;tag=a6c85cf", "CSeq: 1 ACK"])),
  trace("sent", 21.5, umRemote, message([`INVITE sip:alice@${MBX}:5063;transport=TLS;opaque=app:voicemail SIP/2.0`, via, ...dialog, "To: <sip:alice@contoso.com>", "CSeq: 2 INVITE"], OFFER)),
  trace("received", 25.0, umRemote, message(["SIP/2.0 302 Moved Temporarily", via, ...dialog, "To: <sip:alice@contoso.com>;tag=b7d9", "CSeq: 2 INVITE", `Contact: <sip:alice@${MBX}:5066;transport=TLS;opaque=app:voicemail>`])),
  trace("sent", 25.3, umRemote, message([`ACK sip:alice@${MBX}:5063;transport=TLS;opaque=app:voicemail SIP/2.0`, via, ...dialog, "To: <sip:alice@contoso.com>;tag=b7d9", "CSeq: 2 ACK"])),
  trace("sent", 33.0, workerRemote, message([`INVITE sip:alice@${MBX}:5066;transport=TLS;opaque=app:voicemail SIP/2.0`, via, ...dialog, "To: <sip:alice@contoso.com>", "CSeq: 3 INVITE"], OFFER)),
  trace("received", 34.1, workerRemote, message(["SIP/2.0 100 Trying", via, ...dialog, "To: <sip:alice@contoso.com>", "CSeq: 3 INVITE"])),
  trace(
    "received",
    41.7,
    workerRemote,
    message([
      `SIP/2.0 488 ${HOSTILE_REASON}`,
      via,
      ...dialog,
      "To: <sip:alice@contoso.com>;tag=c8e0",
      "CSeq: 3 INVITE",
      `Server: ${HOSTILE_SERVER_HEADER}`,
      `ms-diagnostics-public: 0;source="${MBX}";reason="Incompatible security setting"`,
    ]),
  ),
  trace("sent", 42.0, workerRemote, message([`ACK sip:alice@${MBX}:5066;transport=TLS;opaque=app:voicemail SIP/2.0`, via, ...dialog, "To: <sip:alice@contoso.com>;tag=c8e0", "CSeq: 3 ACK"])),
];

function hop(partial: Partial<Hop> & Pick<Hop, "target" | "address" | "port" | "status" | "reason">): Hop {
  return {
    method: "INVITE",
    transport: "tls",
    provisional: [],
    headers: {},
    diagnostics: [],
    signaling: "mtls",
    tls: null,
    timings: { tcpConnectMs: 0.4, tlsHandshakeMs: 3.1, firstResponseMs: 6.6, finalResponseMs: 6.6 },
    failure: null,
    ...partial,
  };
}

const failedCall: ProbeEvidence = {
  kind: "call",
  outcome: "failed",
  status: 488,
  reason: HOSTILE_REASON,
  failure: { code: "incompatible-security-setting", message: "we required SRTP (RTP/SAVP with a=crypto) and the peer answered 488" },
  tls: tls(MBX, "127.42.7.11", 5066),
  hops: [
    hop({ target: "sip:alice@contoso.com;opaque=app:voicemail", address: "127.42.7.10", port: 5061, status: 302, reason: "Moved Temporarily", role: "callRouter", server: CAS, tls: tls(CAS, "127.42.7.10", 5061) }),
    hop({ target: `sip:alice@${MBX}:5063;transport=TLS;opaque=app:voicemail`, address: "127.42.7.11", port: 5063, status: 302, reason: "Moved Temporarily", role: "umService", server: MBX, tls: tls(MBX, "127.42.7.11", 5063) }),
    hop({
      target: `sip:alice@${MBX}:5066;transport=TLS;opaque=app:voicemail`,
      address: "127.42.7.11",
      port: 5066,
      status: 488,
      reason: HOSTILE_REASON,
      provisional: [100],
      role: "worker",
      server: MBX,
      tls: tls(MBX, "127.42.7.11", 5066),
      headers: { server: [HOSTILE_SERVER_HEADER], "ms-diagnostics-public": [`0;source="${MBX}";reason="Incompatible security setting"`] },
      diagnostics: [{ header: "ms-diagnostics-public", code: 0, reason: "Incompatible security setting", source: MBX, appName: null, component: null, raw: `0;source="${MBX}";reason="Incompatible security setting"` }],
      failure: { code: "incompatible-security-setting", message: "we required SRTP (RTP/SAVP with a=crypto) and the peer answered 488" },
    }),
  ],
  negotiated: null,
  sdp: { offer: OFFER, answer: null },
  insecure: false,
  warnings: [],
  trace: failedCallTrace,
  startedAt: "2026-05-01T10:00:00.000Z",
  durationMs: 42.5,
};

const optionsProbe: ProbeEvidence = {
  kind: "options",
  outcome: "ok",
  status: 200,
  reason: "OK",
  failure: null,
  tls: tls(CAS, "127.42.7.10", 5061),
  hops: [
    {
      ...hop({ target: `sip:${CAS}:5061;transport=tls`, address: "127.42.7.10", port: 5061, status: 200, reason: "OK", role: "callRouter", server: CAS, tls: tls(CAS, "127.42.7.10", 5061) }),
      method: "OPTIONS",
      headers: { "user-agent": ["MSExchangeUM/15.01.2507.000"] },
    },
  ],
  negotiated: null,
  sdp: null,
  insecure: false,
  warnings: [],
  trace: [
    trace("sent", 4.0, casRemote, message([`OPTIONS sip:${CAS}:5061;transport=tls SIP/2.0`, via, ...dialog, `To: <sip:${CAS}>`, "CSeq: 1 OPTIONS"])),
    trace("received", 6.5, casRemote, message(["SIP/2.0 200 OK", via, ...dialog, `To: <sip:${CAS}>;tag=ff01`, "CSeq: 1 OPTIONS", "User-Agent: MSExchangeUM/15.01.2507.000"])),
  ],
  startedAt: "2026-05-01T10:00:00.000Z",
  durationMs: 6.9,
};

const refusedCall: ProbeEvidence = {
  ...failedCall,
  status: null,
  reason: null,
  failure: { code: "connection-refused", message: "the peer refused the connection (connect ECONNREFUSED 127.42.7.10:5061); is the server listening on that port?" },
  tls: null,
  hops: [
    hop({
      target: "sip:alice@contoso.com;opaque=app:voicemail",
      address: "127.42.7.10",
      port: 5061,
      status: null,
      reason: null,
      signaling: null,
      role: "callRouter",
      server: CAS,
      timings: { tcpConnectMs: null, tlsHandshakeMs: null, firstResponseMs: null, finalResponseMs: null },
      failure: { code: "connection-refused", message: "the peer refused the connection (connect ECONNREFUSED 127.42.7.10:5061); is the server listening on that port?" },
    }),
  ],
  sdp: null,
  trace: [],
  durationMs: 1.2,
};

function step(index: number, fields: Partial<StepResult> & Pick<StepResult, "kind" | "name" | "evidence" | "verdict">): StepResult {
  return {
    index,
    path: `steps[${index}]`,
    persona: "pool",
    target: { ref: "voicemail:alice", role: "callRouter", fqdn: CAS, port: 5061, transport: "tls", requestUri: "sip:alice@contoso.com;opaque=app:voicemail" },
    startedAt: "2026-05-01T10:00:00.000Z",
    durationMs: 45,
    expectations: [],
    error: null,
    ...fields,
  };
}

function scenario(fields: Partial<ScenarioResult> & Pick<ScenarioResult, "id" | "name" | "steps">): ScenarioResult {
  const parts = {
    summary: "A scenario of the fixture.",
    tags: ["fixture"],
    file: `scenarios/${fields.id}.yaml`,
    skipReason: null,
    startedAt: "2026-05-01T10:00:00.000Z",
    durationMs: 120,
    error: null,
    events: [],
    notes: [],
    ...fields,
  };
  return { ...parts, verdict: scenarioVerdict(parts) };
}

const events: LabEvent[] = [
  { server: CAS, eventId: 1647, level: "warning", source: "MSExchange Unified Messaging", message: "The UM Call Router rejected a call: *bold* [link](http://example.invalid) | pipe", at: "2026-05-01T10:00:00.010Z" },
  { server: MBX, eventId: 1021, level: "warning", source: "MSExchange Unified Messaging", message: "The call was rejected: Incompatible security setting. <img src=x onerror=alert(2)>", at: "2026-05-01T10:00:00.040Z" },
];

const scenarios: ScenarioResult[] = [
  scenario({
    id: "incompatible-security-setting",
    name: "Incompatible security setting",
    summary: 'Pool requires encryption, dial plan is SIP secured; MTLS comes up, the call fails with "Incompatible security setting".',
    tags: ["encryption", "seed"],
    events,
    notes: ["lab overrides: dialPlans[DP1].voipSecurity = SIPSecured"],
    steps: [
      step(0, {
        kind: "options",
        name: "options callRouter",
        target: { ref: "callRouter", role: "callRouter", fqdn: CAS, port: 5061, transport: "tls", requestUri: `sip:${CAS}:5061;transport=tls` },
        evidence: optionsProbe,
        verdict: "passed",
        expectations: [{ path: "steps[0].expect.status", expected: 200, seen: 200, met: true, message: null }],
      }),
      step(1, {
        kind: "call",
        name: "Pool RequireEncryption into a SIPSecured dial plan",
        evidence: failedCall,
        verdict: "failed",
        expectations: [
          { path: "steps[1].expect.outcome", expected: "failed", seen: "failed", met: true, message: null },
          { path: "steps[1].expect.failure", expected: "security-parity", seen: "incompatible-security-setting", met: false, message: "expected failure security-parity, saw incompatible-security-setting" },
        ],
      }),
      step(2, {
        kind: "call",
        name: "The Call Router in TCP startup mode",
        evidence: refusedCall,
        verdict: "passed",
        expectations: [{ path: "steps[2].expect.failure", expected: "connection-refused", seen: "connection-refused", met: true, message: null }],
      }),
      step(3, { kind: "lab", name: "Point mbx01 at mbx03", persona: null, target: null, evidence: { kind: "lab", changes: ["mbx01.tukwila.contoso.com → 127.42.7.13"] }, verdict: "passed" }),
      step(4, { kind: "wait", name: "wait 2s", persona: null, target: null, evidence: { kind: "wait", ms: 2000 }, verdict: "passed" }),
    ],
  }),
  scenario({
    id: "wildcard-subject-name",
    name: "Wildcard Subject Name",
    steps: [
      step(0, {
        kind: "certs",
        name: "certs umService:mbx01",
        target: { ref: "umService:mbx01", role: "umService", fqdn: MBX, port: 5063, transport: "tls", requestUri: null },
        evidence: {
          kind: "certs",
          verdict: "fail",
          certificate: { ...certificate("*.contoso.com"), san: ["DNS:*.contoso.com"] },
          chain: [],
          findings: [
            { ruleId: "subject-wildcard", severity: "error", status: "fail", title: "Wildcard in the Subject Name", message: "CN=*.contoso.com is a wildcard", fix: "Re-issue with the server FQDN as CN; a wildcard only in the SAN" },
            { ruleId: "chain-trusted", severity: "error", status: "pass", title: "Chains to the lab root", message: "ok" },
          ],
          live: null,
          failure: null,
          tls: null,
          durationMs: 12,
        },
        verdict: "passed",
      }),
      step(1, {
        kind: "failover",
        name: "failover mbx01, mbx03",
        evidence: {
          kind: "failover",
          attempts: [
            { server: MBX, role: "umService", evidence: refusedCall },
            { server: "mbx03.dublin.contoso.com", role: "umService", evidence: optionsProbe },
          ],
          servedBy: "mbx03.dublin.contoso.com",
          failoverMs: 8.4,
          failure: null,
          durationMs: 9,
        },
        verdict: "passed",
      }),
    ],
  }),
  scenario({ id: "owa-trusted-application", name: "OWA trusted application", steps: [], skipReason: "lab only: needs the lab's OWA pool", startedAt: null, durationMs: 0 }),
  scenario({ id: "redundant-um", name: "Redundant UM", steps: [], error: { code: "EXUM_LAB_NO_FREE_ADDRESS_BLOCK", message: "no free loopback block", hint: "stop another exum lab" } }),
];

/** A 2×2 sweep with one cell that contradicts its documented table. */
export const FIXTURE_MATRIX: MatrixResult = {
  differences: 1,
  sweeps: [
    {
      id: "pool-encryption",
      title: "Pool EncryptionLevel × dial plan VoIPSecurity",
      description: "One call per cell as the pool.",
      persona: "pool",
      rows: { setting: "VoIPSecurity", values: ["SIPSecured", "Secured"] },
      columns: { setting: "EncryptionLevel", values: ["RequireEncryption", "SupportEncryption"] },
      cells: [
        { row: "SIPSecured", column: "RequireEncryption", outcome: "fails", status: 488, failure: "incompatible-security-setting", negotiated: null, step: { scenario: "incompatible-security-setting", index: 1 }, differences: [] },
        { row: "SIPSecured", column: "SupportEncryption", outcome: "works", status: 200, failure: null, negotiated: { signaling: "mtls", media: "rtp", suite: null, mode: "SIPSecured" }, step: null, differences: [] },
        {
          row: "Secured",
          column: "RequireEncryption",
          outcome: "fails",
          status: 403,
          failure: "security-parity",
          negotiated: null,
          step: null,
          differences: [{ table: "protocol-2", expected: "works: SRTP · Secured", seen: "fails: security-parity (403)" }],
        },
        { row: "Secured", column: "SupportEncryption", outcome: "works", status: 200, failure: null, negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", mode: "Secured" }, step: null, differences: [] },
      ],
      documented: [
        {
          id: "protocol-2",
          title: "docs/protocol.md §2 compatibility matrix",
          source: 'docs/protocol.md §2 "The compatibility matrix" [DOC, seed]',
          note: null,
          cells: [
            { row: "SIPSecured", column: "RequireEncryption", outcome: "fails", media: null, mode: null, failures: ["incompatible-security-setting"], text: 'fails: "Incompatible security setting"' },
            { row: "SIPSecured", column: "SupportEncryption", outcome: "works", media: "rtp", mode: "SIPSecured", failures: [], text: "works, RTP in clear" },
            { row: "Secured", column: "RequireEncryption", outcome: "works", media: "srtp", mode: "Secured", failures: [], text: "works: MTLS + SRTP" },
            { row: "Secured", column: "SupportEncryption", outcome: "works", media: "srtp", mode: "Secured", failures: [], text: "works: SRTP (answer RTP/SAVP)" },
          ],
        },
      ],
    },
  ],
};

/** The fixture run: four scenarios (failed, passed, skipped, error), a matrix, run-level events. */
export function fixtureRun(): RunResult {
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    runId: "2026-05-01T10-00-00Z-0f0f",
    tool: { name: "exum", version: "0.1.0" },
    startedAt: "2026-05-01T10:00:00.000Z",
    finishedAt: "2026-05-01T10:00:01.250Z",
    durationMs: 1250,
    target: { kind: "lab", topology: "exum default lab" },
    interrupted: false,
    summary: summarizeRun(scenarios),
    scenarios,
    events: [{ server: CAS, eventId: 1401, level: "information", source: "MSExchange Unified Messaging", message: "SIP peers healthy", at: "2026-05-01T10:00:00.001Z" }],
    matrix: FIXTURE_MATRIX,
  };
}
