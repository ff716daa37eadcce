import t from "tap";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { defaultLoadedTopology } from "../lab/topology/topology-default.js";
import type { RunResult } from "../model/run-result.js";
import { bindRoles } from "../scenario/bind-roles.js";
import { parseScenarioYaml } from "../scenario/load-scenario.js";
import { runPlans } from "../scenario/run-plans.js";
import type { CallProbeResult } from "../model/probe-result.js";
import { ExitCode } from "../errors/exit-codes.js";
import { allEntries, diffRuns } from "./diff-runs.js";
import { diffExitCode } from "./diff-exit-code.js";
import { renderJson } from "../report/json.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "../cli/cli-io.js";
import { diffCommand } from "../cli/diff-command.js";
import { dispatch } from "../cli/main.js";

/**
 * The diff against real runs on the embedded lab (docs/design.md §1 "exum diff"): the same scenario file run twice
 * differs in nothing, and the dial plan changed from Secured to SIPSecured between two runs is a security regression.
 * The scenario's `lab:` overrides are how the dial plan changes between the runs; the file name (its id) stays.
 */
const steps = `as: pool
steps:
  - name: OPTIONS to the Call Router
    options: callRouter
    expect: { status: 200 }
  - name: The Call Router's certificate
    certs: callRouter
  - name: Voice mail for alice, SupportEncryption
    call: { to: voicemail:alice, encryption: SupportEncryption, hold: 1s }
    expect: { outcome: answered }
`;

function scenario(lab: string): string {
  return `name: Voice mail for alice
summary: OPTIONS, the certificate and a SupportEncryption call into alice's dial plan, media measured.
site: { labOnly: true }
${lab}
${steps}`;
}

async function run(yaml: string): Promise<RunResult> {
  const plan = bindRoles(parseScenarioYaml(yaml, "voice-mail-alice.yaml"), { kind: "lab", topology: defaultLoadedTopology() });
  return runPlans({ plans: [plan], target: { kind: "lab", topology: "built-in default" }, site: null, lab: { certsDir: sharedLabPkiDir() } });
}

const secured = await run(scenario(""));

t.test("two runs of the same scenario on the lab differ in nothing", async (t) => {
  const again = await run(scenario(""));
  t.equal(secured.scenarios[0]?.verdict, "passed", "the run itself passed");
  t.not(again.runId, secured.runId, "two runs");
  const diff = diffRuns(secured, again);
  t.same(diff.scenarios, [], JSON.stringify(diff.scenarios, null, 2));
  t.equal(diff.compared, 1);
  t.equal(diffExitCode(diff), ExitCode.Ok);
});

t.test("the dial plan changed from Secured to SIPSecured: the media change is a security regression, exit 1", async (t) => {
  const sipSecured = await run(scenario("lab: { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] }"));
  t.equal(sipSecured.scenarios[0]?.verdict, "passed", "the call is still answered: nothing failed, only the media is in the clear");
  const diff = diffRuns(secured, sipSecured);
  const entries = diff.scenarios.flatMap(allEntries);
  t.match(entries, [
    { aspect: "exchange-mode", before: "Secured", after: "SIPSecured", class: "security-regression" },
    { aspect: "media-protection", place: "media", before: "srtp", after: "rtp", class: "security-regression" },
  ]);
  t.equal(entries.length, 2, JSON.stringify(entries, null, 2));
  t.equal(diff.scenarios[0]?.steps[0]?.path, "steps[2]", "named on the call step");
  t.equal(diffExitCode(diff), ExitCode.Failed);

  // The same two runs as files, through the command a change window would use.
  const dir = await tempDir(t);
  await writeFiles(dir, { "secured.json": renderJson(secured), "sip-secured.json": renderJson(sipSecured) });
  const io = memoryIo({ cwd: dir });
  const code = await dispatch(["diff", "secured.json", "sip-secured.json"], io, [diffCommand as never]);
  t.equal(code, ExitCode.Failed, "exum diff exits 1", { stdout: io.stdout, stderr: io.stderr });
  t.match(io.stdout, "voice-mail-alice: Voice mail for alice\n  steps[2] Voice mail for alice, SupportEncryption\n");
  t.match(io.stdout, "    SECURITY REGRESSION  Exchange mode: Secured → SIPSecured — SIPSecured is weaker than Secured\n");
  t.match(io.stdout, "    SECURITY REGRESSION  media protection, media: srtp → rtp — RTP is weaker than SRTP\n");
  t.match(io.stdout, "2 security regressions, 0 regressions, 0 improvements, 0 changes: 1 scenario differs (1 ran in both runs)");
});

t.test("the media of a real call, changed one fact at a time: suite, MKI, codec, verdict and RTP failure", async (t) => {
  const changed = structuredClone(secured) as RunResult;
  const call = changed.scenarios[0]?.steps[2]?.evidence as CallProbeResult & { media: Record<string, unknown>; negotiated: Record<string, unknown> };
  t.match(call.media, { protection: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", verdict: "two-way", codec: "PCMU" }, "the lab's Secured call, as measured");
  Object.assign(call.media, {
    suite: "AES_CM_128_HMAC_SHA1_32",
    mki: { sent: null, received: null },
    codec: "PCMA",
    verdict: "one-way-in",
    failure: { code: "one-way-media", message: "the peer reports none of ours" },
  });
  const entries = diffRuns(secured, changed).scenarios.flatMap(allEntries);
  t.match(entries, [
    { aspect: "srtp-suite", place: "media", before: "AES_CM_128_HMAC_SHA1_80", after: "AES_CM_128_HMAC_SHA1_32", class: "security-regression" },
    { aspect: "srtp-mki", before: /^sent \d+:\d, received/, after: "sent none, received none", class: "change" },
    { aspect: "codec", before: "PCMU", after: "PCMA", class: "change" },
    { aspect: "media-verdict", before: "two-way", after: "one-way-in", class: "regression" },
    { aspect: "media-failure", before: null, after: "one-way-media", class: "regression" },
  ]);
  t.equal(entries.length, 5, JSON.stringify(entries, null, 2));

  // Media measured in run A only (run B's call was shorter than 1 s): what the SDP negotiated speaks for both.
  const unmeasured = structuredClone(secured) as RunResult;
  (unmeasured.scenarios[0]?.steps[2]?.evidence as { media: unknown }).media = null;
  t.match(diffRuns(secured, unmeasured).scenarios.flatMap(allEntries), [{ aspect: "media-verdict", before: "two-way", after: "not measured", class: "change" }]);
  t.equal(diffRuns(secured, unmeasured).scenarios.flatMap(allEntries).length, 1, "nothing else: the negotiated SRTP is the same");
});
