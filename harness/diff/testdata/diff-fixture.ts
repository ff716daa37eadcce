import type { RunResult, ScenarioResult, StepResult } from "../../model/run-result.js";
import type { ProbeEvidence } from "../../model/step-evidence.js";
import { fixtureRun } from "../../report/testdata/report-fixture.js";

/** A peer's text that tries to break out of its place, as a certificate issuer: every renderer must show it as text. */
export const HOSTILE_ISSUER = 'O=<script>window.__exumPwned = 1</script> | *evil* [link](http://x) \u001b[31mCA';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

/**
 * Run A and run B for the diff's golden tests, from the report fixture (report/testdata/report-fixture.ts): run B is
 * run A after a bad change window — TLS 1.2 with a static-RSA cipher on the OPTIONS, a new certificate from another
 * issuer that expires in 10 days, mutual TLS no longer accepted — plus a call step that now passes, a certificate that
 * now passes the lint, a scenario gone and a new one.
 */
export function fixtureRuns(): { a: RunResult; b: RunResult } {
  const a = fixtureRun();
  const b = structuredClone(a) as Mutable<RunResult>;
  b.runId = "2026-05-02T10-00-00Z-beef";
  b.startedAt = "2026-05-02T10:00:00.000Z";
  b.finishedAt = "2026-05-02T10:00:09.000Z";
  const scenarios = b.scenarios as Mutable<ScenarioResult>[];
  const incompatible = scenarios[0] as Mutable<ScenarioResult>;
  const options = (incompatible.steps[0] as Mutable<StepResult>).evidence as Mutable<ProbeEvidence>;
  const hop = options.hops[0];
  if (hop?.tls === null || hop?.tls === undefined || hop.tls.peer === null) throw new Error("the report fixture's OPTIONS has no TLS hop");
  hop.tls.version = "TLSv1.2";
  hop.tls.cipher = { name: "AES256-SHA", standardName: "TLS_RSA_WITH_AES_256_CBC_SHA", version: "TLSv1.2" };
  hop.tls.peer.issuer = HOSTILE_ISSUER;
  hop.tls.peer.fingerprint256 = "11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF";
  hop.tls.peer.validTo = "2026-05-12T12:00:00.000Z";
  hop.tls.clientCertificate.accepted = false;
  const call = incompatible.steps[1] as Mutable<StepResult>;
  call.verdict = "passed";
  incompatible.verdict = "passed";
  const [wildcard] = scenarios.splice(1, 1);
  if (wildcard === undefined) throw new Error("the report fixture has no second scenario");
  scenarios.push({ ...wildcard, id: "new-scenario", name: "A scenario added since" });
  return { a, b: b as RunResult };
}
