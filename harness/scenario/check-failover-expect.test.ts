import t from "tap";
import type { FailureCode } from "../model/failure-code.js";
import type { FailoverAttemptEvidence, FailoverEvidence, ProbeEvidence } from "../model/step-evidence.js";
import { checkFailoverExpect } from "./check-failover-expect.js";
import type { ResolvedRef } from "./plan.js";

const MBX = (n: number) => `mbx0${n}.tukwila.contoso.com`;

function attempt(server: number, outcome: "answered" | "failed", status: number | null, failure: FailureCode | null): FailoverAttemptEvidence {
  const evidence: ProbeEvidence = {
    kind: "call",
    outcome,
    status,
    reason: null,
    failure: failure === null ? null : { code: failure, message: failure },
    tls: null,
    hops: [],
    negotiated: outcome === "answered" ? { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", cryptoTag: 1, profile: "RTP/SAVP", mode: "Secured" } : null,
    sdp: null,
    insecure: false,
    warnings: [],
    trace: [],
    startedAt: "2024-05-01T10:00:00.000Z",
    durationMs: 10,
  };
  return { server: MBX(server), role: "umService", evidence };
}

const ref = (n: number): ResolvedRef => ({ ref: `mbx0${n}`, role: null, fqdn: MBX(n) });

t.test("failover: servedBy, tried and the failover time are the step's; the rest the answering attempt's", async (t) => {
  const evidence: FailoverEvidence = {
    kind: "failover",
    attempts: [attempt(1, "failed", 503, "rejected"), attempt(2, "answered", 200, null)],
    servedBy: MBX(2),
    failoverMs: 320,
    failure: null,
    durationMs: 400,
  };
  const results = checkFailoverExpect(
    "steps[1].expect",
    { outcome: "answered", status: 200, negotiated: { mode: "Secured" }, servedBy: "mbx02", tried: ["mbx01", "mbx02"], maxMs: { failover: 300 } },
    { redirects: null, servedBy: ref(2), tried: [ref(1), ref(2)] },
    evidence,
  );
  t.same(
    results.map((r) => [r.path, r.seen, r.met]),
    [
      ["steps[1].expect.outcome", "answered", true],
      ["steps[1].expect.status", 200, true],
      ["steps[1].expect.negotiated.mode", "Secured", true],
      ["steps[1].expect.servedBy", `umService:${MBX(2)}`, true],
      ["steps[1].expect.tried", [`umService:${MBX(1)}`, `umService:${MBX(2)}`], true],
      ["steps[1].expect.maxMs.failover", 320, false],
    ],
  );
});

t.test("failover: every server failed is all-servers-failed; judged by the last attempt", async (t) => {
  const evidence: FailoverEvidence = {
    kind: "failover",
    attempts: [attempt(1, "failed", null, "connection-refused"), attempt(2, "failed", 503, "rejected")],
    servedBy: null,
    failoverMs: null,
    failure: { code: "all-servers-failed", message: "…" },
    durationMs: 40,
  };
  const results = checkFailoverExpect("e", { outcome: "failed", failure: "all-servers-failed", status: 503, servedBy: "mbx01", tried: ["mbx01"] }, { redirects: null, servedBy: ref(1), tried: [ref(1)] }, evidence);
  t.same(
    results.map((r) => [r.path, r.met]),
    [
      ["e.outcome", true],
      ["e.failure", true],
      ["e.status", true],
      ["e.servedBy", false],
      ["e.tried", false],
    ],
  );
  t.equal(results[3]?.message, "expected servedBy mbx01, saw nothing");
});
