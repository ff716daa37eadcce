import t, { type Test } from "tap";
import { steppingClock } from "../model/clock.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { defaultLoadedTopology } from "../lab/topology/topology-default.js";
import type { FailoverEvidence, LabEvidence } from "../model/step-evidence.js";
import { bindRoles } from "./bind-roles.js";
import { parseScenarioYaml } from "./load-scenario.js";
import type { Plan } from "./plan.js";
import { runPlans } from "./run-plans.js";
import type { RunOptions } from "./run-options.js";

/** A scenario from YAML, bound to the built-in lab. */
function plan(yaml: string, file = "inline.yaml"): Plan {
  return bindRoles(parseScenarioYaml(yaml, file), { kind: "lab", topology: defaultLoadedTopology() });
}

function run(plans: Plan[], over: Partial<RunOptions> = {}) {
  return runPlans({ plans, target: { kind: "lab", topology: "built-in default" }, site: null, lab: { certsDir: sharedLabPkiDir() }, ...over });
}

const NETWORK = /^(TCPServerWrap|TCPSocketWrap|TLSWrap|UDPWrap|Timeout)$/;

/** Sockets, listeners and timers alive now. */
function networkResources(): string[] {
  return process.getActiveResourcesInfo().filter((name) => NETWORK.test(name));
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** The baseline once the set stops changing (two readings alike), bounded: no fixed sleep to race. */
async function settledResources(): Promise<string[]> {
  let previous = networkResources();
  for (let i = 0; i < 250; i++) {
    await settle();
    const now = networkResources();
    if (now.join() === previous.join()) return now;
    previous = now;
  }
  return previous;
}

const baseline = await settledResources();

/**
 * After every run: "no listener or socket left behind after any scenario" (docs/style.md habit 12). Closes settle
 * asynchronously, so the check waits for the baseline to come back (up to 5 s) and then compares.
 */
async function nothingLeftBehind(t: Test): Promise<void> {
  const deadline = Date.now() + 5000;
  while (networkResources().join() !== baseline.join() && Date.now() < deadline) await settle();
  t.same(networkResources(), baseline, "no listener, socket or timer is left behind");
}

t.test("failover on timer expiry: a black-holed server, then the next answers (docs/protocol.md §7, MS-EUMR)", async (t) => {
  const result = await run([
    plan(`
name: Failover on timer expiry
summary: mbx01's UM service accepts connections and never answers; the pool moves on to mbx02 after the timer.
site: { labOnly: true }
steps:
  - lab: { fault: { server: mbx01, kind: black-hole } }
  - failover: { servers: [umService:mbx01, umService:mbx02], call: { to: voicemail:alice }, attemptTimeout: 300ms }
    expect: { outcome: answered, servedBy: mbx02, tried: [mbx01, mbx02], negotiated: { mode: Secured }, redirects: [umService] }
`),
  ]);
  const [scenario] = result.scenarios;
  t.equal(scenario?.verdict, "passed", JSON.stringify(scenario?.steps.flatMap((s) => s.expectations.filter((e) => !e.met))));
  const lab = scenario?.steps[0]?.evidence as LabEvidence;
  t.same(lab.changes, ["server mbx01.tukwila.contoso.com: faulty (black-hole)"]);
  const failover = scenario?.steps[1]?.evidence as FailoverEvidence;
  t.equal(failover.servedBy, "mbx02.tukwila.contoso.com");
  t.ok((failover.failoverMs ?? 0) >= 300, `failover took the timer and the answer: ${failover.failoverMs} ms`);
  t.ok((failover.failoverMs ?? Infinity) < 300 + 2000, "less than the timer plus the 2 s a CANCEL would be waited for: none was sent");
  t.match(failover.attempts[0]?.evidence.failure, { code: /timeout|no-response/ });
  await nothingLeftBehind(t);
});

t.test("every server failing is all-servers-failed, with each server's reason", async (t) => {
  const result = await run([
    plan(`
name: All servers failed
summary: Both Tukwila UM services are stopped.
site: { labOnly: true }
steps:
  - lab: { server: [{ fqdn: mbx01, state: stopped }, { fqdn: mbx02, state: stopped }] }
  - failover: { servers: [umService:mbx01, umService:mbx02], call: { to: voicemail:alice } }
    expect: { outcome: failed, failure: all-servers-failed, tried: [mbx01, mbx02] }
`),
  ]);
  const failover = result.scenarios[0]?.steps[1]?.evidence as FailoverEvidence;
  t.equal(result.scenarios[0]?.verdict, "passed");
  t.equal(failover.servedBy, null);
  t.equal(failover.failoverMs, null);
  t.match(failover.failure?.message, /mbx01\.tukwila\.contoso\.com \(connection-refused\), mbx02\.tukwila\.contoso\.com \(connection-refused\)/);
  await nothingLeftBehind(t);
});

t.test("the scenario's timeout stops the step in flight: a harness error, the rest skipped", async (t) => {
  const result = await run([
    plan(`
name: Too slow
summary: A wait longer than the scenario may take.
timeout: 300ms
steps:
  - wait: 30s
  - options: callRouter
`),
  ]);
  const [scenario] = result.scenarios;
  t.equal(scenario?.verdict, "error");
  t.same(scenario?.steps.map((step) => step.verdict), ["error", "skipped"]);
  t.match(scenario?.steps[0]?.error, { code: "EXUM_SCENARIO_TIMEOUT", message: /within its timeout \(300 ms\)/ });
  t.ok((scenario?.durationMs ?? Infinity) < 15_000, "it did not wait the 30 s");
  await nothingLeftBehind(t);
});

t.test("Ctrl-C: the step in flight stops, what ran is kept, the rest is skipped", async (t) => {
  const controller = new AbortController();
  const result = await run(
    [
      plan(`
name: First
summary: An OPTIONS, then a long wait that Ctrl-C cuts short.
steps:
  - options: callRouter
    expect: { status: 200 }
  - wait: 30s
  - options: callRouter
`),
      plan("name: Second\nsummary: Never runs.\nsteps:\n  - options: callRouter\n"),
    ],
    { signal: controller.signal, observer: { stepFinished: (_plan, step) => void (step.index === 0 && setTimeout(() => controller.abort(), 100)) } },
  );
  t.equal(result.interrupted, true);
  const [first, second] = result.scenarios;
  t.same(first?.steps.map((step) => step.verdict), ["passed", "skipped", "skipped"]);
  t.equal(first?.verdict, "skipped");
  t.match(first?.skipReason, /interrupted/);
  t.match(second, { verdict: "skipped", skipReason: "interrupted (Ctrl-C) before it ran", startedAt: null });
  t.equal(result.summary.scenarios.skipped, 2);
  await nothingLeftBehind(t);
});

t.test("kernel-chosen ports: the runner reaches every hop on the port the lab bound", async (t) => {
  const result = await run(
    [
      plan(`
name: Ephemeral happy path
summary: The voice-mail call of the happy path on a lab with ephemeral ports.
steps:
  - options: callRouter
    expect: { outcome: ok, tls: { mutual: true } }
  - call: { to: voicemail:alice }
    expect: { outcome: answered, redirects: [callRouter, umService], servedBy: worker:mbx01, negotiated: { mode: Secured } }
`),
    ],
    { lab: { certsDir: sharedLabPkiDir(), ports: "ephemeral" } },
  );
  t.equal(result.scenarios[0]?.verdict, "passed", JSON.stringify(result.scenarios[0]?.steps.flatMap((s) => s.expectations.filter((e) => !e.met))));
  t.not(result.scenarios[0]?.steps[0]?.target?.port, 5061, "the Call Router was reached on the port the kernel chose");
  await nothingLeftBehind(t);
});

t.test("the simulated servers' event log is in the run model (docs/protocol.md §4)", async (t) => {
  const result = await run([
    plan(`
name: No UM IP gateway
summary: The pool's certificate names no UM IP gateway.
lab: { umIpGateways: null }
site: { labOnly: true }
steps:
  - call: { to: voicemail:alice }
    expect: { status: 403, failure: unauthorized-gateway }
`),
  ]);
  const events = result.scenarios[0]?.events ?? [];
  t.ok(events.length > 0, "the Call Router wrote events");
  t.match(events[0], { server: "cas01.tukwila.contoso.com", eventId: Number, level: /^(information|warning|error)$/, source: "MSExchange Unified Messaging", message: String, at: String });
  t.ok(events.some((event) => event.eventId === 1021 || event.eventId === 1647), "a rejected call (1021/1647)");
  t.same(result.events, [], "nothing outside a scenario");
  await nothingLeftBehind(t);
});

t.test("a run model: summary, schema version, ids", async (t) => {
  const result = await run([plan("name: One\nsummary: one OPTIONS\nsteps:\n  - options: callRouter\n")], { runId: "2024-05-01T10-22-31Z-3f9a", toolVersion: "9.9.9" });
  t.match(result, { schemaVersion: 2, runId: "2024-05-01T10-22-31Z-3f9a", tool: { name: "exum", version: "9.9.9" }, interrupted: false, target: { kind: "lab" } });
  t.match(result.summary, { verdict: "passed", scenarios: { total: 1, passed: 1 }, steps: { total: 1, passed: 1 }, expectations: { total: 0 } });
  t.match(result.scenarios[0]?.steps[0], { kind: "options", persona: "pool", target: { ref: "callRouter", role: "callRouter", fqdn: "cas01.tukwila.contoso.com", port: 5061, transport: "tls" } });
  t.same(JSON.parse(JSON.stringify(result)), result, "plain JSON");
  await nothingLeftBehind(t);
});

t.test("an injected clock gives the run model its times: no scrubbing needed", async (t) => {
  const clock = steppingClock(new Date("2026-05-01T10:00:00.000Z"), 10);
  const result = await run(
    [
      plan(`
name: OPTIONS on a stepping clock
summary: the Call Router answers; every time in the model comes from the clock the run was given.
steps:
  - options: callRouter
`),
    ],
    { clock },
  );
  t.equal(result.summary.verdict, "passed");
  t.equal(result.startedAt, "2026-05-01T10:00:00.000Z", "the run starts at the clock's first reading");
  const scenario = result.scenarios[0];
  const step = scenario?.steps[0];
  const evidence = step?.evidence;
  t.match(scenario?.startedAt, /^2026-05-01T10:00:00\.\d\d0Z$/, "the scenario's start is a later reading");
  t.match(step?.startedAt, /^2026-05-01T10:00:00\.\d\d0Z$/);
  t.ok(evidence !== null && evidence !== undefined && "startedAt" in evidence && evidence.startedAt.startsWith("2026-05-01T10:00:00."), "the probe read the same clock");
  for (const ms of [result.durationMs, scenario?.durationMs, step?.durationMs]) t.equal((ms ?? 1) % 10, 0, `${ms} is a whole number of clock steps`);
  await nothingLeftBehind(t);
});

t.test("a scenario keeps its connections: a second step to the same next hop reuses one, a lab step makes the next dial anew", async (t) => {
  const result = await run([
    plan(`
name: Kept connections
summary: Three OPTIONS to the Call Router, a lab change between the second and third, and a handshake bound on the last.
steps:
  - options: callRouter
  - options: callRouter
  - call: { to: voicemail:alice }
  - call: { to: voicemail:alice }
  - lab: { server: { fqdn: mbx02, state: stopped } }
  - options: callRouter
  - options: callRouter
    expect: { maxMs: { handshake: 60000 } }
`),
  ]);
  const scenario = result.scenarios[0];
  t.equal(scenario?.verdict, "passed", JSON.stringify(scenario?.error));
  const connections = scenario?.steps.map((step) => (step.evidence !== null && "hops" in step.evidence ? step.evidence.hops.map((hop) => hop.connection) : null));
  t.same(connections, [["new"], ["reused"], ["reused", "new", "new"], ["reused", "reused", "reused"], null, ["new"], ["new"]]);
  await nothingLeftBehind(t);
});

t.test("jobs: lab scenarios run at once, each on its own lab; the run model keeps the plans' order", async (t) => {
  const scenario = (name: string, hold: string) =>
    plan(`
name: ${name}
summary: One voice-mail call held ${hold}.
steps:
  - call: { to: voicemail:alice, hold: ${hold} }
    expect: { outcome: answered, negotiated: { mode: Secured } }
`);
  const finished: string[] = [];
  const positions: number[] = [];
  const result = await run([scenario("Long", "1500ms"), scenario("Short", "0s"), scenario("Middle", "800ms")], {
    jobs: 3,
    observer: { scenarioFinished: (done, position) => (finished.push(done.name), positions.push(position)) },
  });
  t.same(result.scenarios.map((s) => [s.name, s.verdict]), [["Long", "passed"], ["Short", "passed"], ["Middle", "passed"]], "in the plans' order");
  t.equal(finished[0], "Short", "the short one was reported first: they ran at once");
  t.same(positions, [1, 2, 3], "positions count the finished ones");
  const servers = new Set(result.scenarios.map((s) => (s.steps[0]?.evidence as { hops?: { address: string | null }[] } | null)?.hops?.[0]?.address));
  t.equal(servers.size, 3, "three labs, three loopback blocks");
  await nothingLeftBehind(t);
});

t.test("jobs: the scenarios with the longest held calls start first (real-time-ms.ts)", async (t) => {
  const scenario = (name: string, holds: string[]) =>
    plan(`
name: ${name}
summary: Voice-mail calls held ${holds.join(", ")}.
steps:
${holds.map((hold) => `  - call: { to: voicemail:alice, hold: ${hold} }\n    expect: { outcome: answered }`).join("\n")}
`);
  const started: string[] = [];
  const result = await run([scenario("Short", ["0s"]), scenario("Two holds", ["300ms", "300ms"]), scenario("One hold", ["400ms"])], {
    jobs: 2,
    observer: { scenarioStarted: (p) => started.push(p.scenario.name) },
  });
  t.same(started, ["Two holds", "One hold", "Short"], "600 ms of holds, then 400 ms, then none");
  t.same(result.scenarios.map((s) => s.name), ["Short", "Two holds", "One hold"], "the run model keeps the plans' order");
  const sequential: string[] = [];
  await run([scenario("Short", ["0s"]), scenario("One hold", ["200ms"])], { observer: { scenarioStarted: (p) => sequential.push(p.scenario.name) } });
  t.same(sequential, ["Short", "One hold"], "one job runs the plans in their order");
  await nothingLeftBehind(t);
});
