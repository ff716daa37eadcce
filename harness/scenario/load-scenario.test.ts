import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { isHarnessError } from "../errors/harness-error.js";
import { loadScenarioFile, parseScenarioYaml } from "./load-scenario.js";

const MALFORMED = join(import.meta.dirname, "testdata", "malformed");

/** docs/design.md §6's example, as written there. */
const DESIGN_EXAMPLE = `name: Incompatible security setting
summary: Pool requires encryption, dial plan is SIP secured; MTLS comes up, the call fails.
tags: [encryption, seed]
lab: { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] }   # overrides on the default topology
as: pool
steps:
  - options: callRouter
    expect: { status: 200, tls: { mutual: true } }
  - call: { to: voicemail:alice, encryption: RequireEncryption }
    expect: { outcome: failed, failure: incompatible-security-setting, redirects: [callRouter, umService] }
`;

t.test("docs/design.md §6's example loads, with its defaults filled in", async (t) => {
  const loaded = parseScenarioYaml(DESIGN_EXAMPLE, "scenarios/incompatible.yaml");
  t.equal(loaded.id, "incompatible");
  t.equal(loaded.file, "scenarios/incompatible.yaml");
  t.match(loaded.scenario, {
    schemaVersion: 1,
    name: "Incompatible security setting",
    tags: ["encryption", "seed"],
    as: "pool",
    timeout: 60_000,
    lab: { dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }] },
  });
  t.same(loaded.scenario.steps[1], {
    call: { to: "voicemail:alice", encryption: "RequireEncryption" },
    expect: { outcome: "failed", failure: "incompatible-security-setting", redirects: ["callRouter", "umService"] },
  });
});

/** Each malformed fixture, the error it must give, and where. */
const CASES: { file: string; code: string; field?: string; line: number; message: RegExp }[] = [
  { file: "unknown-expect-key.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[1].expect.failur", line: 6, message: /unknown key "failur" \(did you mean "failure"\?\)/ },
  { file: "bad-failure-code.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[1].expect.failure", line: 8, message: /did you mean "incompatible-security-setting"/ },
  { file: "two-kinds.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].call", line: 5, message: /has options and call/ },
  { file: "no-kind.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].option", line: 4, message: /did you mean "options"/ },
  { file: "bad-lab-override.yaml", code: "EXUM_SCENARIO_INVALID", field: "lab.dialPlans[0].voipSecurity", line: 6, message: /"Secure" is not one of: Unsecured, SIPSecured, Secured/ },
  { file: "address-target.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].options", line: 4, message: /never addresses/ },
  { file: "harness-header.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].call.headers[0]", line: 4, message: /the harness writes this header itself/ },
  { file: "both-media-settings.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].call.srtpMode", line: 4, message: /not both/ },
  { file: "bad-duration.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].wait", line: 4, message: /expected a duration/ },
  { file: "bad-fault.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps[0].lab.fault.kind", line: 5, message: /"explode" is not one of/ },
  { file: "missing-steps.yaml", code: "EXUM_SCENARIO_INVALID", field: "steps", line: 1, message: /"steps" is required/ },
  { file: "unknown-top-key.yaml", code: "EXUM_SCENARIO_INVALID", line: 3, message: /unknown key "step" \(did you mean "steps"\?\)/ },
  { file: "not-yaml.yaml", code: "EXUM_SCENARIO_NOT_YAML", line: 3, message: /not valid YAML/ },
];

t.test("malformed scenarios fail with exit 2, naming file, line and path", async (t) => {
  for (const c of CASES) {
    const file = join(MALFORMED, c.file);
    const error = await loadScenarioFile(file).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isHarnessError(error)) {
      t.fail(`${c.file} did not fail with a HarnessError`);
      continue;
    }
    t.equal(error.code, c.code, `${c.file}: code`);
    t.equal(error.exitCode, ExitCode.BadInput, `${c.file}: exit 2`);
    t.equal(error.file, file, `${c.file}: names the file`);
    if (c.field !== undefined) t.equal(error.field, c.field, `${c.file}: names the path`);
    t.match(error.message, `${file}:${c.line}:`, `${c.file}: names the line`);
    t.match(error.message, c.message, `${c.file}: says what is wrong`);
    t.ok(error.hint, `${c.file}: has a hint`);
  }
});

t.test("a file that cannot be read is EXUM_SCENARIO_UNREADABLE", async (t) => {
  await t.rejects(loadScenarioFile(join(MALFORMED, "no-such-file.yaml")), { code: "EXUM_SCENARIO_UNREADABLE", exitCode: 2 });
  await t.rejects(loadScenarioFile(MALFORMED), { code: "EXUM_SCENARIO_UNREADABLE" });
});

t.test("empty files and non-mappings are refused", async (t) => {
  t.throws(() => parseScenarioYaml("", "empty.yaml"), { code: "EXUM_SCENARIO_NOT_YAML", message: /empty/ });
  t.throws(() => parseScenarioYaml("- options: callRouter\n", "list.yaml"), { code: "EXUM_SCENARIO_INVALID" });
  t.throws(() => parseScenarioYaml("name: a\nname: b\n", "dup.yaml"), { code: "EXUM_SCENARIO_NOT_YAML" });
});

t.test("step-level checks: a step that is not a mapping, a failed outcome with negotiated, a lab step without changes", async (t) => {
  const base = "name: x\nsummary: y\nsteps:\n";
  t.throws(() => parseScenarioYaml(`${base}  - callRouter\n`, "s.yaml"), { field: "steps[0]", message: /a step is a mapping/ });
  t.throws(() => parseScenarioYaml(`${base}  - { name: only a name }\n`, "s.yaml"), { field: "steps[0]", message: /a step needs one of/ });
  t.throws(() => parseScenarioYaml(`${base}  - call: { to: voicemail:alice }\n    expect: { outcome: failed, negotiated: { media: rtp } }\n`, "s.yaml"), { code: "EXUM_SCENARIO_INVALID", field: "steps[0].expect.negotiated" });
  t.throws(() => parseScenarioYaml(`${base}  - options: callRouter\n    expect: { outcome: ok, failure: rejected }\n`, "s.yaml"), { code: "EXUM_SCENARIO_INVALID", field: "steps[0].expect.failure" });
  t.throws(() => parseScenarioYaml(`${base}  - lab: {}\n`, "s.yaml"), { field: "steps[0].lab", message: /changes something/ });
  t.throws(() => parseScenarioYaml(`${base}  - lab: { gateway: { status: Disabled } }\n`, "s.yaml"), { field: "steps[0].lab.gateway", message: /by name or by address/ });
  t.throws(() => parseScenarioYaml(`${base}  - options: callRouter\n    expect: { lint: { verdict: pass } }\n`, "s.yaml"), { field: "steps[0].expect.lint", message: /unknown key/ });
  t.throws(() => parseScenarioYaml(`${base}  - certs: callRouter\n    expect: { lint: { failedRules: [no-such-rule] } }\n`, "s.yaml"), { code: "EXUM_SCENARIO_INVALID", field: "steps[0].expect.lint.failedRules[0]" });
});

t.test("lab overrides are checked against the topology they apply to", async (t) => {
  const text = "name: x\nsummary: y\nlab:\n  users: [{ sipAddress: eve@contoso.com, extension: 9, dialPlan: DP9, mailboxServer: mbx01.tukwila.contoso.com }]\nsteps:\n  - wait: 1s\n";
  t.throws(() => parseScenarioYaml(text, "o.yaml"), { code: "EXUM_SCENARIO_INVALID", file: "o.yaml", field: "lab.users[0].dialPlan", message: /o\.yaml:4:\d+: .*DP9/ });
});

t.test("a timeout of 0 is bad input at load (exit 2 naming the field), never a harness error at run time", async (t) => {
  const yaml = (step: string, top = "") => `name: Zero timeout\nsummary: s\n${top}steps:\n  - ${step}\n`;
  t.throws(() => parseScenarioYaml(yaml("options: callRouter\n    timeout: 0"), "zero.yaml"), { code: "EXUM_SCENARIO_INVALID", exitCode: ExitCode.BadInput, field: "steps[0].timeout", message: /waits for nothing/ });
  t.throws(() => parseScenarioYaml(yaml("options: callRouter", "timeout: 0s\n"), "zero.yaml"), { code: "EXUM_SCENARIO_INVALID", field: "timeout" });
  t.doesNotThrow(() => parseScenarioYaml(yaml("wait: 0"), "zero-wait.yaml"), "a wait of 0 is fine: it waits for nothing on purpose");
});
