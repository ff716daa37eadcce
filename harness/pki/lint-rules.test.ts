import t from "tap";
import type { CertificateProfile } from "./certificate-profile.js";
import { createRootCa } from "./create-root-ca.js";
import { issueCertificate } from "./issue-certificate.js";
import { lintCertificate, type LintOptions } from "./lint-certificate.js";
import { LINT_RULES } from "./lint-rules.js";
import type { LiveTlsFacts } from "./live-tls-facts.js";

// Every rule has a certificate (or live facts) that passes it and one that fails it.
const now = new Date("2026-01-15T12:00:00Z");
const root = createRootCa({ commonName: "exum Lint Root CA", now });
const other = createRootCa({ commonName: "Other Root CA", now });
const FQDN = "mbx01.tukwila.contoso.com";
const PEERS = ["mbx01.tukwila.contoso.com", "mbx02.tukwila.contoso.com", "mbx03.dublin.contoso.com", "mbx04.dublin.contoso.com"];
const good: CertificateProfile = { commonName: FQDN, dnsNames: [FQDN], now };

interface Case {
  readonly profile?: CertificateProfile;
  readonly options?: Partial<LintOptions>;
  readonly live?: Partial<LiveTlsFacts>;
}

const liveBase: LiveTlsFacts = {
  target: "127.0.0.1:5061",
  servername: FQDN,
  connected: true,
  handshakeCompleted: true,
  protocol: "TLSv1.3",
  cipher: "TLS_AES_256_GCM_SHA384",
  peerChainPems: [],
  clientCertificateRequested: true,
  clientCertificateRequestedBasis: "read from the wire: CertificateRequest in the server's encrypted flight",
  clientCertificateOffered: true,
  clientCertificateAccepted: true,
  acceptanceEvidence: "a SIP response came back: OPTIONS → 200 OK",
  sipResponse: { status: 200, reason: "OK" },
  error: undefined,
  elapsedMs: 5,
};

const cases: Record<string, { pass: Case; fail: Case }> = {
  "not-self-signed": { pass: {}, fail: { profile: { ...good, selfSigned: true } } },
  "chains-to-root": { pass: {}, fail: { profile: { ...good, issuer: other } } },
  "fqdn-in-name": {
    pass: { profile: { ...good, commonName: "mbx99.contoso.com", dnsNames: ["*.tukwila.contoso.com"] } },
    fail: { profile: { ...good, dnsNames: [FQDN] }, options: { fqdn: "mbx02.tukwila.contoso.com" } },
  },
  "fqdn-in-subject": { pass: {}, fail: { profile: { ...good, commonName: "mbx03.dublin.contoso.com", dnsNames: ["mbx03.dublin.contoso.com", FQDN] } } },
  "subject-is-fqdn": { pass: {}, fail: { profile: { ...good, commonName: "MBX01" } } },
  "no-wildcard-subject": {
    pass: { profile: { ...good, dnsNames: [FQDN, "*.tukwila.contoso.com"] } },
    fail: { profile: { ...good, commonName: "*.tukwila.contoso.com", dnsNames: ["*.tukwila.contoso.com"] } },
  },
  "peers-in-san": {
    pass: { profile: { ...good, dnsNames: [FQDN, "*.tukwila.contoso.com", "*.dublin.contoso.com"] }, options: { peers: PEERS } },
    fail: { profile: { ...good, dnsNames: [FQDN, "mbx02.tukwila.contoso.com"] }, options: { peers: PEERS } },
  },
  "not-expired": { pass: {}, fail: { profile: { ...good, validity: { notBeforeDays: -60, notAfterDays: -1 } } } },
  "already-valid": { pass: {}, fail: { profile: { ...good, validity: { notBeforeDays: 2, notAfterDays: 90 } } } },
  "expires-soon": { pass: {}, fail: { profile: { ...good, validity: { notBeforeDays: -300, notAfterDays: 20 } } } },
  "key-size": { pass: {}, fail: { profile: { ...good, keyBits: 1024 } } },
  "signature-algorithm": { pass: { profile: { ...good, hash: "sha384" } }, fail: { profile: { ...good, hash: "sha1" } } },
  "extended-key-usage": { pass: {}, fail: { profile: { ...good, extKeyUsage: ["serverAuth"] } } },
  "key-usage": { pass: {}, fail: { profile: { ...good, keyUsage: ["keyEncipherment"] } } },
  "live-handshake": { pass: { live: {} }, fail: { live: { connected: false, error: { code: "connection-refused", message: "the peer refused the connection" } } } },
  "live-client-cert-requested": { pass: { live: {} }, fail: { live: { clientCertificateRequested: false } } },
  "live-client-cert-accepted": {
    pass: { live: {} },
    fail: {
      live: {
        clientCertificateAccepted: false,
        acceptanceEvidence: "the server does not trust the CA that issued our certificate (TLS alert 48 unknown_ca right after the handshake)",
        sipResponse: undefined,
        error: { code: "tls-client-cert-rejected", message: "the server does not trust the CA that issued our certificate" },
      },
    },
  },
};

function lint(testCase: Case) {
  const issued = issueCertificate(root, testCase.profile ?? good);
  const chainPems = [issued.certPem];
  const live = testCase.live === undefined ? undefined : { ...liveBase, peerChainPems: chainPems, ...testCase.live };
  if (live !== undefined && (!live.connected || !live.handshakeCompleted)) live.peerChainPems = [];
  return lintCertificate({
    chainPems: live === undefined ? chainPems : live.peerChainPems,
    caPems: [root.certPem],
    fqdn: FQDN,
    now,
    ...(live === undefined ? {} : { live }),
    ...testCase.options,
  });
}

t.test("every rule has a passing and a failing case here", async (t) => {
  t.same(Object.keys(cases).sort(), LINT_RULES.map((rule) => rule.id).sort());
  t.equal(new Set(LINT_RULES.map((rule) => rule.id)).size, LINT_RULES.length, "ids are unique");
  for (const rule of LINT_RULES) {
    t.match(rule.id, /^[a-z0-9-]+$/, `${rule.id}: stable kebab-case id`);
    t.ok(rule.source.quote.length > 10 && rule.source.ref.length > 3, `${rule.id}: quotes its source`);
    t.ok(rule.explanation.length > 20 && rule.fix.length > 10, `${rule.id}: explains and says how to fix`);
  }
});

for (const [ruleId, { pass, fail }] of Object.entries(cases)) {
  t.test(ruleId, async (t) => {
    const passed = lint(pass).findings.find((finding) => finding.ruleId === ruleId);
    t.equal(passed?.status, "pass", `passes: ${passed?.message}`);
    t.equal(passed?.fix, undefined, "no fix when it passes");
    const failed = lint(fail).findings.find((finding) => finding.ruleId === ruleId);
    t.equal(failed?.status, "fail", `fails: ${failed?.message}`);
    t.ok(failed?.fix, "a failure says how to fix it");
  });
}

t.test("verdict and exit semantics: errors fail, warnings do not", async (t) => {
  const clean = lint({});
  t.equal(clean.verdict, "pass");
  t.equal(clean.errors, 0);
  t.equal(clean.warnings, 0);
  const warned = lint(cases["expires-soon"]!.fail);
  t.equal(warned.verdict, "pass");
  t.equal(warned.warnings, 1);
  const failed = lint(cases["key-size"]!.fail);
  t.equal(failed.verdict, "fail");
  t.equal(failed.errors, 1);
});

t.test("rules that need an option skip without it, and say which", async (t) => {
  const issued = issueCertificate(root, good);
  const report = lintCertificate({ chainPems: [issued.certPem], now });
  const status = (id: string) => report.findings.find((finding) => finding.ruleId === id);
  t.equal(status("chains-to-root")?.status, "skip");
  t.match(status("chains-to-root")?.message, /--ca/);
  t.equal(status("fqdn-in-name")?.status, "skip");
  t.match(status("fqdn-in-name")?.message, /--fqdn/);
  t.equal(status("peers-in-san")?.status, "skip");
  t.notOk(report.findings.some((finding) => finding.ruleId.startsWith("live-")), "live rules only for host:port");
});

t.test("the chain of a file is used to reach the root", async (t) => {
  const intermediate = issueCertificate(root, { commonName: "exum Issuing CA", isCa: true, now });
  const leaf = issueCertificate(intermediate, good);
  const alone = lintCertificate({ chainPems: [leaf.certPem], caPems: [root.certPem], now });
  t.equal(alone.findings.find((f) => f.ruleId === "chains-to-root")?.status, "fail", "the leaf alone does not reach the root");
  const withChain = lintCertificate({ chainPems: [leaf.certPem, intermediate.certPem], caPems: [root.certPem], now });
  t.equal(withChain.findings.find((f) => f.ruleId === "chains-to-root")?.status, "pass");
  t.equal(withChain.chain.length, 1);
});

t.test("live: no client certificate sent is reported, not failed", async (t) => {
  const report = lint({
    live: {
      clientCertificateOffered: false,
      clientCertificateAccepted: false,
      acceptanceEvidence: "the server requires a client certificate and we sent none (TLS alert 116 certificate_required right after the handshake)",
      sipResponse: undefined,
    },
  });
  const accepted = report.findings.find((finding) => finding.ruleId === "live-client-cert-accepted");
  t.equal(accepted?.status, "skip");
  t.match(accepted?.message, /we sent no client certificate and the server refused us \(.*alert 116/);
});

t.test("live: acceptance unknown (no SIP response) is a skip that says why, never a pass", async (t) => {
  const evidence = "no SIP response came back (no-response: no final response to OPTIONS within 2000 ms)";
  const report = lint({ live: { clientCertificateAccepted: undefined, acceptanceEvidence: evidence, sipResponse: undefined } });
  const accepted = report.findings.find((finding) => finding.ruleId === "live-client-cert-accepted");
  t.equal(accepted?.status, "skip");
  t.equal(accepted?.message, `acceptance unknown (${evidence})`);
});

t.test("live: refused inside a TLS 1.2 handshake, no chain recorded: live-handshake skips and says what to do", async (t) => {
  const rejected = { code: "tls-client-cert-rejected" as const, message: "the server refused the handshake (TLS alert 40 handshake_failure during the handshake)" };
  const report = lint({ live: { handshakeCompleted: false, clientCertificateOffered: false, clientCertificateAccepted: false, sipResponse: undefined, error: rejected } });
  const handshake = report.findings.find((finding) => finding.ruleId === "live-handshake");
  t.equal(handshake?.status, "skip");
  t.match(handshake?.message, /refused us inside the TLS handshake, before its certificate could be recorded: .*alert 40.*--cert/);
  t.equal(report.certificate, undefined, "no chain, so no certificate rules");
  const failed = lint({ live: { handshakeCompleted: false, sipResponse: undefined, error: { code: "tls-protocol-version", message: "no TLS version in common" } } });
  t.equal(failed.findings.find((finding) => finding.ruleId === "live-handshake")?.message, "the TLS handshake failed: no TLS version in common");
});

t.test("live: whether the server asked, when unknown, says how it could not be told", async (t) => {
  const report = lint({ live: { clientCertificateRequested: undefined, clientCertificateRequestedBasis: "wire observation was off and OpenSSL gave no hint" } });
  const requested = report.findings.find((finding) => finding.ruleId === "live-client-cert-requested");
  t.equal(requested?.status, "skip");
  t.match(requested?.message, /could not tell whether the server asked: wire observation was off/);
});
