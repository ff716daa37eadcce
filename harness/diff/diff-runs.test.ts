import t from "tap";
import type { RunResult } from "../model/run-result.js";
import type { FailoverEvidence, LintEvidence, ProbeEvidence } from "../model/step-evidence.js";
import { fixtureRun } from "../report/testdata/report-fixture.js";
import { ExitCode } from "../errors/exit-codes.js";
import { diffExitCode } from "./diff-exit-code.js";
import { allEntries, diffRuns } from "./diff-runs.js";
import { fixtureRuns } from "./testdata/diff-fixture.js";

type Json = Record<string, unknown>;

/** Every value under a key that always varies between two runs of the same scenarios, changed. */
function vary(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => vary(item, key));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, vary(inner, name)]));
  if (/^(runId|startedAt|finishedAt|wallTime|at|callId|cseq|raw|address|localAddress|remoteAddress|local|remote|offer|answer)$/.test(key) && typeof value === "string") return `${value}-other`;
  if (/(Ms|Port|port|packets|bytes|lost|authenticated|frames|rtcpPackets|reports|aboutUs|packetsReceived|cumulativeLost|nonSilentPercent|levelDbfs|sent|received|binMs|ms)$/.test(key) && typeof value === "number") return value + 7;
  return value;
}

t.test("what always varies is never a difference: times, ports, addresses, Call-IDs, tags, branches, SDP, packet counts, run ids", async (t) => {
  const a = fixtureRun();
  const b = vary(a) as RunResult;
  const hop = ((b.scenarios[0]?.steps[0]?.evidence as ProbeEvidence).hops[0] ?? {}) as unknown as Json;
  (hop as { headers: Record<string, string[]> }).headers = { via: ["SIP/2.0/TLS 127.9.9.9:41000;branch=z9hG4bKother"], "call-id": ["other"], to: ["<sip:alice@contoso.com>;tag=other"] };
  t.not(JSON.stringify(b), JSON.stringify(a), "run B does differ in what varies");
  t.not(b.runId, a.runId);
  const diff = diffRuns(a, b);
  t.same(diff.scenarios, [], JSON.stringify(diff.scenarios, null, 2));
  t.equal(diff.compared, a.scenarios.length);
  t.same(diff.counts, { "security-regression": 0, regression: 0, improvement: 0, change: 0 });
  t.equal(diffExitCode(diff), ExitCode.Ok);
});

t.test("a bad change window: each difference on its step and place, with its class", async (t) => {
  const { a, b } = fixtureRuns();
  const diff = diffRuns(a, b, { files: { a: "a.json", b: "b.json" } });
  t.match(diff.a, { file: "a.json", runId: a.runId, startedAt: a.startedAt });
  const [incompatible] = diff.scenarios;
  t.equal(incompatible?.id, "incompatible-security-setting");
  t.match(incompatible?.changes, [{ aspect: "verdict", before: "failed", after: "passed", class: "improvement" }]);
  t.equal(incompatible?.steps[0]?.path, "steps[0]");
  const place = "hop 1 cas01.tukwila.contoso.com";
  t.match(incompatible?.steps[0]?.changes, [
    { aspect: "tls-version", place, before: "TLSv1.3", after: "TLSv1.2", class: "security-regression" },
    { aspect: "cipher", place, after: "TLS_RSA_WITH_AES_256_CBC_SHA", class: "security-regression", reason: /no forward secrecy/ },
    { aspect: "certificate-fingerprint", place: `${place}, server certificate`, class: "change" },
    { aspect: "certificate-issuer", class: "change" },
    { aspect: "certificate-expiry", before: /609 days left/, after: /10 days left/, class: "security-regression" },
    { aspect: "mutual-tls-accepted", before: "accepted", after: "rejected", class: "security-regression" },
  ]);
  t.equal(incompatible?.steps[0]?.changes.length, 6);
  t.match(incompatible?.steps[1], { path: "steps[1]", changes: [{ aspect: "verdict", class: "improvement" }] });
  t.match(diff.scenarios.slice(1), [
    { id: "new-scenario", changes: [{ aspect: "scenario", before: null, after: "passed", class: "change", reason: "the scenario ran in run B only" }] },
    { id: "wildcard-subject-name", changes: [{ aspect: "scenario", before: "passed", after: null, reason: "the scenario ran in run A only" }] },
  ]);
  t.same(diff.counts, { "security-regression": 4, regression: 0, improvement: 2, change: 4 });
  t.equal(diff.compared, 3, "the scenarios in both runs");
  t.equal(diffExitCode(diff), ExitCode.Failed, "a security regression exits 1");
  t.equal(diffExitCode(diffRuns(b, a)), ExitCode.Failed, "the other way round, the verdicts passed → failed are regressions: exit 1");
  t.match(diffRuns(b, a).counts, { regression: 2, improvement: 4 });
});

t.test("--expiry-warning-days moves the threshold", async (t) => {
  const { a, b } = fixtureRuns();
  const entries = (days: number) => diffRuns(a, b, { expiryWarningDays: days }).scenarios.flatMap(allEntries).filter((entry) => entry.aspect === "certificate-expiry");
  t.match(entries(30), [{ class: "security-regression" }]);
  t.match(entries(7), [{ class: "change", reason: "the certificate in run B expires sooner than run A's" }]);
  t.equal(diffRuns(a, b, { expiryWarningDays: 7 }).expiryWarningDays, 7);
});

t.test("a certificate lint rule that now fails is a regression; the failover's server and attempts are compared", async (t) => {
  const a = fixtureRun();
  const b = structuredClone(a) as RunResult;
  const wildcard = b.scenarios[1];
  const lint = wildcard?.steps[0]?.evidence as LintEvidence & { findings: { status: string }[]; verdict: string };
  (lint.findings[1] as { status: string }).status = "fail";
  (lint.findings[0] as { status: string }).status = "pass";
  const failover = wildcard?.steps[1]?.evidence as FailoverEvidence & { servedBy: string | null };
  failover.servedBy = "mbx04.dublin.contoso.com";
  (failover.attempts[1] as { server: string }).server = "mbx04.dublin.contoso.com";
  const diff = diffRuns(a, b);
  const [scenario] = diff.scenarios;
  t.match(scenario?.steps, [
    {
      path: "steps[0]",
      changes: [
        { aspect: "lint-rule", place: "rule subject-wildcard", before: "fail", after: "pass", class: "improvement" },
        { aspect: "lint-rule", place: "rule chain-trusted", before: "pass", after: "fail", class: "regression" },
      ],
    },
    { path: "steps[1]", changes: [{ aspect: "served-by", before: "mbx03.dublin.contoso.com", after: "mbx04.dublin.contoso.com", class: "change" }] },
  ]);
});

t.test("a hop gone from the redirect chain is the chain's change; hops of the same role in both runs are compared", async (t) => {
  const a = fixtureRun();
  const b = structuredClone(a) as RunResult;
  const call = b.scenarios[0]?.steps[1]?.evidence as ProbeEvidence & { hops: unknown[] };
  call.hops.splice(1, 1);
  const changes = diffRuns(a, b).scenarios[0]?.steps[0]?.changes ?? [];
  t.match(changes[0], { aspect: "redirect-chain", class: "change", before: /^callRouter cas01\.tukwila\.contoso\.com 302 → umService mbx01\.tukwila\.contoso\.com 302 → / });
  t.equal(changes.length, 1, "the Call Router and the worker are the same in both runs: nothing else differs");
  const other = structuredClone(b) as RunResult;
  const worker = (other.scenarios[0]?.steps[1]?.evidence as ProbeEvidence).hops[1] as { tls: { version: string } };
  worker.tls.version = "TLSv1.2";
  t.match(diffRuns(a, other).scenarios[0]?.steps[0]?.changes[1], { aspect: "tls-version", place: "hop 2 mbx01.tukwila.contoso.com", class: "security-regression" }, "run B's hop 2 against run A's worker (hop 3)");
});

t.test("a step of another kind at the same path is one change", async (t) => {
  const a = fixtureRun();
  const b = structuredClone(a) as RunResult;
  const step = b.scenarios[0]?.steps[3] as unknown as { kind: string; evidence: unknown };
  step.kind = "wait";
  step.evidence = { kind: "wait", ms: 10 };
  t.match(diffRuns(a, b).scenarios[0]?.steps, [{ path: "steps[3]", changes: [{ aspect: "step", before: "lab step", after: "wait step", class: "change" }] }]);
});

t.test("a connection, a certificate or a verification in one run only", async (t) => {
  const a = fixtureRun();
  const b = structuredClone(a) as RunResult;
  const hops = (b.scenarios[0]?.steps[0]?.evidence as ProbeEvidence).hops as unknown as { tls: Record<string, unknown> | null }[];
  const tls = hops[0]?.tls as { peer: unknown; verification: Record<string, unknown>; transport: string };
  tls.peer = null;
  tls.verification.nameMatches = null;
  tls.verification.insecure = true;
  const entries = diffRuns(a, b).scenarios[0]?.steps[0]?.changes ?? [];
  t.match(entries, [
    { aspect: "certificate-fingerprint", before: /^AA:BB/, after: null, class: "change" },
    { aspect: "certificate-issuer", after: null, class: "change" },
    { aspect: "certificate-names", before: "CN=cas01.tukwila.contoso.com, DNS:cas01.tukwila.contoso.com", after: null, class: "change" },
    { aspect: "verification", before: "chain trusted", after: null, class: "change" },
    { aspect: "verification", before: "name matches", after: null, class: "change" },
    { aspect: "verification", before: "enforced", after: "not enforced (--insecure)", class: "security-regression" },
  ]);
  t.equal(entries.length, 6, JSON.stringify(entries, null, 2));

  const tcp = structuredClone(a) as RunResult;
  const tcpHops = (tcp.scenarios[0]?.steps[0]?.evidence as ProbeEvidence).hops as unknown as { tls: unknown; signaling: string }[];
  (tcpHops[0] as { tls: unknown }).tls = null;
  (tcpHops[0] as { signaling: string }).signaling = "tcp";
  const tcpEntries = diffRuns(a, tcp).scenarios[0]?.steps[0]?.changes ?? [];
  t.match(tcpEntries[0], { aspect: "signaling", before: "mtls", after: "tcp", class: "security-regression" });
  t.match(tcpEntries.find((entry) => entry.aspect === "transport"), { before: "tls", after: null, class: "change" });
  t.match(tcpEntries.find((entry) => entry.aspect === "mutual-tls-requested"), { before: "requested", after: null, class: "change" });
});

t.test("a certs step without a connection compares its certificate; failover attempts by position", async (t) => {
  const a = fixtureRun();
  const b = structuredClone(a) as RunResult;
  const lint = b.scenarios[1]?.steps[0]?.evidence as unknown as { certificate: Record<string, unknown> };
  lint.certificate.san = ["DNS:*.contoso.com", "DNS:mbx01.tukwila.contoso.com"];
  const failover = b.scenarios[1]?.steps[1]?.evidence as unknown as { attempts: { server: string; evidence: { outcome: string } }[] };
  (failover.attempts[0] as { server: string }).server = "mbx02.tukwila.contoso.com";
  const steps = diffRuns(a, b).scenarios[0]?.steps ?? [];
  t.match(steps[0]?.changes, [{ aspect: "certificate-names", place: "certificate", after: "CN=*.contoso.com, DNS:*.contoso.com, DNS:mbx01.tukwila.contoso.com", class: "change" }]);
  t.equal(steps.length, 1, "the attempt's server is a place, not a difference: its evidence is the same");
  (failover.attempts[0] as { evidence: { outcome: string } }).evidence = { ...(failover.attempts[0]?.evidence ?? {}), outcome: "answered" } as never;
  t.match(diffRuns(a, b).scenarios[0]?.steps[1]?.changes, [{ aspect: "outcome", place: "attempt 1 mbx01.tukwila.contoso.com in run A, mbx02.tukwila.contoso.com in run B", before: "failed", after: "answered", class: "improvement" }]);
});
