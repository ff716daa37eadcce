import t from "tap";
import type { LintEvidence } from "../model/step-evidence.js";
import { checkCertsExpect } from "./check-certs-expect.js";

t.test("certs: the verdict, rules that must have failed, trust from chains-to-root", async (t) => {
  const finding = (ruleId: string, status: "pass" | "fail" | "skip") => ({ ruleId, severity: "error" as const, status, title: ruleId, message: "" });
  const evidence: LintEvidence = {
    kind: "certs",
    verdict: "fail",
    certificate: null,
    chain: [],
    findings: [finding("not-self-signed", "fail"), finding("chains-to-root", "fail"), finding("not-expired", "pass")],
    live: null,
    failure: null,
    tls: null,
    durationMs: 12,
  };
  const results = checkCertsExpect("e", { lint: { verdict: "fail", failedRules: ["chains-to-root", "not-expired"] }, tls: { trusted: false }, maxMs: { total: 5 } }, evidence, { connect: 1, handshake: 2 });
  t.same(
    results.map((r) => [r.path, r.seen, r.met]),
    [
      ["e.lint.verdict", "fail", true],
      ["e.lint.failedRules", ["not-self-signed", "chains-to-root"], false],
      ["e.tls.trusted", false, true],
      ["e.maxMs.total", 12, false],
    ],
  );
  t.equal(results[1]?.message, "expected lint.failedRules (at least) [chains-to-root, not-expired], saw [not-self-signed, chains-to-root]");
});

t.test("certs: passedRules must all have passed, warnings included (exum smoke)", async (t) => {
  const finding = (ruleId: string, status: "pass" | "fail" | "skip", severity: "error" | "warning" = "error") => ({ ruleId, severity, status, title: ruleId, message: "" });
  const evidence = (findings: LintEvidence["findings"]): LintEvidence => ({ kind: "certs", verdict: "pass", certificate: null, chain: [], findings, live: null, failure: null, tls: null, durationMs: 1 });
  const wanted = { lint: { passedRules: ["not-expired", "expires-soon"] } };
  const met = checkCertsExpect("e", wanted, evidence([finding("not-expired", "pass"), finding("expires-soon", "pass", "warning")]), { connect: null, handshake: null });
  t.same(met.map((r) => [r.path, r.met]), [["e.lint.passedRules", true]]);
  const unmet = checkCertsExpect("e", wanted, evidence([finding("not-expired", "pass"), finding("expires-soon", "fail", "warning")]), { connect: null, handshake: null });
  t.equal(unmet[0]?.message, "expected lint.passedRules [not-expired, expires-soon], saw [not-expired pass, expires-soon fail]");
  const none = checkCertsExpect("e", wanted, evidence([]), { connect: null, handshake: null });
  t.same(none[0]?.seen, ["not-expired not-checked", "expires-soon not-checked"]);
});
