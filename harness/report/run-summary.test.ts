import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { runExitCode } from "./run-exit-code.js";
import { RUN_SCHEMA_VERSION, type ExpectationResult, type RunResult, type ScenarioResult, type StepResult } from "../model/run-result.js";
import { summarizeRun } from "./run-summary.js";
import { scenarioVerdict } from "../model/verdict.js";
import type { Verdict } from "../model/verdict.js";

function step(index: number, verdict: Verdict, expectations: ExpectationResult[] = []): StepResult {
  return {
    index,
    path: `steps[${index}]`,
    name: `step ${index}`,
    kind: "call",
    persona: "pool",
    target: { ref: "voicemail:alice", role: "callRouter", fqdn: "cas01.tukwila.contoso.com", port: 5061, transport: "tls", requestUri: "sip:alice@contoso.com;opaque=app:voicemail" },
    startedAt: "2024-05-01T10:00:00.000Z",
    durationMs: 12,
    evidence: null,
    expectations,
    verdict,
    error: verdict === "error" ? { code: "EXUM_LAB_NO_FREE_ADDRESS_BLOCK", message: "no block", hint: null } : null,
  };
}

function scenario(id: string, steps: StepResult[], extra: Partial<ScenarioResult> = {}): ScenarioResult {
  const base = { id, name: id, summary: "s", tags: [], file: `scenarios/${id}.yaml`, skipReason: null, startedAt: null, durationMs: 0, steps, error: null, events: [], notes: [], ...extra };
  return { ...base, verdict: scenarioVerdict(base) };
}

const met: ExpectationResult = { path: "steps[0].expect.outcome", expected: "answered", seen: "answered", met: true, message: null };
const unmet: ExpectationResult = {
  path: "steps[1].expect.failure",
  expected: "incompatible-security-setting",
  seen: "security-parity",
  met: false,
  message: "expected failure incompatible-security-setting, saw security-parity",
};

t.test("scenario verdicts and the run summary", async (t) => {
  const scenarios = [
    scenario("passed", [step(0, "passed", [met])]),
    scenario("failed", [step(0, "passed", [met]), step(1, "failed", [unmet])]),
    scenario("skipped", [], { skipReason: "lab only: stops servers" }),
    scenario("broken", [step(0, "error")]),
    scenario("setup", [], { error: { code: "EXUM_LAB_START", message: "the lab did not start", hint: null } }),
  ];
  t.same(
    scenarios.map((s) => s.verdict),
    ["passed", "failed", "skipped", "error", "error"],
  );
  t.same(summarizeRun(scenarios), {
    verdict: "error",
    scenarios: { total: 5, passed: 1, failed: 1, error: 2, skipped: 1 },
    steps: { total: 4, passed: 2, failed: 1, error: 1, skipped: 0 },
    expectations: { total: 3, met: 2, unmet: 1 },
  });
});

t.test("exit codes follow docs/design.md §1", async (t) => {
  const run = (scenarios: ScenarioResult[], interrupted = false) => ({ interrupted, summary: summarizeRun(scenarios) });
  t.equal(runExitCode(run([scenario("a", [step(0, "passed", [met])]), scenario("b", [], { skipReason: "lab only" })])), ExitCode.Ok);
  t.equal(runExitCode(run([scenario("a", [step(0, "failed", [unmet])])])), ExitCode.Failed);
  t.equal(runExitCode(run([scenario("a", [step(0, "failed", [unmet])]), scenario("b", [step(0, "error")])])), ExitCode.HarnessError);
  t.equal(runExitCode(run([scenario("a", [step(0, "passed")])], true)), ExitCode.Interrupted);
  t.equal(runExitCode(run([])), ExitCode.Ok);
});

t.test("a run is plain JSON: it survives a round trip unchanged", async (t) => {
  const scenarios = [scenario("failed", [step(0, "failed", [unmet])], { events: [{ server: "mbx01.tukwila.contoso.com", eventId: 1113, level: "error", source: "MSExchange Unified Messaging", message: "TLS failure", at: "2024-05-01T10:00:00.100Z" }] })];
  const result: RunResult = {
    schemaVersion: RUN_SCHEMA_VERSION,
    runId: "2024-05-01T10-00-00Z-3f9a",
    tool: { name: "exum", version: "0.1.0" },
    startedAt: "2024-05-01T10:00:00.000Z",
    finishedAt: "2024-05-01T10:00:01.000Z",
    durationMs: 1000,
    target: { kind: "lab", topology: "exum default lab" },
    interrupted: false,
    summary: summarizeRun(scenarios),
    scenarios,
    events: [],
  };
  t.same(JSON.parse(JSON.stringify(result)), result);
  t.equal(result.schemaVersion, 2);
});
