import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { startTestLab } from "../lab/lab-test-fixture.js";
import type { Lab } from "../lab/lab.js";
import { defaultLoadedTopology } from "../lab/topology/topology-default.js";
import { applyOverrides } from "../lab/topology/topology-overrides.js";
import type { RunResult } from "../model/run-result.js";
import { runResultSchema } from "../model/run-result-schema.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { smokeCommand } from "./smoke-command.js";
import { readIfWritten } from "../testing/read-if-written.js";

const CAS = "cas01.tukwila.contoso.com";
const MED = "med01.contoso.com";

/**
 * A running lab plays the real site (docs/design.md §1: tested against the embedded lab bound through a site file, exactly as a
 * real site would be): roles bound to its FQDNs, resolve: entries to its loopback addresses, a lab persona's
 * certificate as the identity (PFX or PEM), the lab root as the CA bundle.
 */
function siteYaml(lab: Lab, options: { identity?: "pfx" | "pem"; timeout?: string; safety?: string; pilots?: string } = {}): string {
  const pki = lab.pki;
  const resolve = [...lab.servers.values()].map((server) => `${server.fqdn}:*:${server.address}`);
  const identity =
    options.identity === "pem"
      ? `{ cert: ${pki.personas.pool.chain}, key: ${pki.personas.pool.key} }`
      : `{ pfx: ${pki.certificates.pool01?.cert.replace(/\.crt$/, ".pfx") ?? ""}, passphraseEnv: EXUM_SITE_PASSPHRASE }`;
  return `name: the lab as a site
domain: contoso.com
roles:
  callRouter: ${CAS}
  umService: [mbx01.tukwila.contoso.com, mbx02.tukwila.contoso.com]
  pool: pool01.contoso.com
  mediation: ${MED}
identity: ${identity}
caBundle: ${pki.rootCa}
pilots: ${options.pilots ?? "{ autoAttendant: aa }"}
resolve: [${resolve.join(", ")}]
timeout: ${options.timeout ?? "3s"}
${options.safety === undefined ? "" : `safety: ${options.safety}\n`}`;
}

async function smoke(dir: string, args: readonly string[], signal?: AbortSignal) {
  const io = memoryIo({ cwd: dir, env: { EXUM_SITE_PASSPHRASE: "exum" }, ...(signal === undefined ? {} : { signal }) });
  const code = await dispatch(["smoke", ...args], io, [smokeCommand as never]);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function onlyRun(dir: string, out = "reports"): Promise<{ files: string[]; model: RunResult }> {
  const runs = await readdir(join(dir, out));
  const runDir = join(dir, out, runs[0] ?? "");
  return { files: (await readdir(runDir)).sort(), model: runResultSchema.parse(JSON.parse(await readFile(join(runDir, "run.json"), "utf8"))) };
}

const verdicts = (run: RunResult) => run.scenarios.map((scenario) => [scenario.id, scenario.verdict, scenario.steps.map((step) => step.verdict)]);

t.test("every check passes against a healthy site: exit 0, the reports written (PFX and PEM identities)", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab), "site-pem.yaml": siteYaml(lab, { identity: "pem" }) });

  const { code, stdout, stderr } = await smoke(dir, ["--site", "site.yaml"]);
  t.equal(code, ExitCode.Ok, "exit 0", { stdout, stderr });
  t.match(stdout, /^exum smoke \S+: 3 checks against site the lab as a site, 60 s at most\n/);
  t.match(stdout, /\[1\/3\] passed {2}call-router-cas01: Call Router cas01\.tukwila\.contoso\.com \(/);
  t.match(stdout, / {6}ok {6}OPTIONS to cas01\.tukwila\.contoso\.com \(/);
  t.match(stdout, / {6}ok {6}certificate of med01\.contoso\.com \(/);
  t.match(stdout, /\[3\/3\] passed {2}secured-call: Secured call to the auto attendant/);
  t.match(stdout, /3 scenarios: 3 passed, 0 failed, 0 errors, 0 skipped/);
  const { files, model } = await onlyRun(dir);
  t.same(files, ["junit.xml", "log.jsonl", "report.html", "report.md", "run.json"]);
  t.match(model.target, { kind: "site", name: "the lab as a site", file: "site.yaml" });
  t.same(verdicts(model), [
    ["call-router-cas01", "passed", ["passed", "passed"]],
    ["mediation-med01", "passed", ["passed", "passed"]],
    ["secured-call", "passed", ["passed"]],
  ]);
  t.match(model.scenarios[1]?.steps[0]?.target, { role: "mediation", fqdn: MED, port: 5070 }, "the Mediation Server on its pool listener (5070)");
  t.match(model.scenarios[2]?.steps[0]?.evidence, { kind: "call", outcome: "answered", negotiated: { signaling: "mtls", media: "srtp", mode: "Secured" } });
  t.match(model.scenarios[0]?.steps[1]?.expectations.map((e) => e.path), ["steps[1].expect.lint.verdict", "steps[1].expect.lint.passedRules", "steps[1].expect.tls.trusted"]);

  const pem = await smoke(dir, ["--site", "site-pem.yaml", "--reporter", "list", "--out", "pem"]);
  t.equal(pem.code, ExitCode.Ok, "a PEM identity too", { stdout: pem.stdout, stderr: pem.stderr });
});

t.test("a Call Router with an expired certificate: exit 1, the certificate check named with the rule that failed", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, certificate: "expired" }] });
  const lab = await startTestLab(t, { topology });
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab) });
  const { code, stdout, stderr } = await smoke(dir, ["--site", "site.yaml"]);
  t.equal(code, ExitCode.Failed, "exit 1", { stdout, stderr });
  t.match(stdout, /\[1\/3\] FAILED {2}call-router-cas01: Call Router cas01\.tukwila\.contoso\.com/);
  t.match(stdout, / {6}FAILED {2}certificate of cas01\.tukwila\.contoso\.com \(.*\n(?: {10}.*\n)* {10}not-expired \(error\): expired on /);
  t.match(stdout, /steps\[1\]\.expect\.lint\.passedRules: expected lint\.passedRules \[.*\], saw \[.*not-expired fail.*\]/);
  t.match(stdout, /\[2\/3\] passed {2}mediation-med01/);
  const { model } = await onlyRun(dir);
  t.match(verdicts(model)[0], ["call-router-cas01", "failed", [String, "failed"]]);
});

t.test("one lab for what goes wrong at run time", async (t) => {
  const lab = await startTestLab(t);

  t.test("a stopped Mediation Server: exit 1, its OPTIONS and certificate checks fail with connection-refused", async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "site.yaml": siteYaml(lab) });
    await lab.setServerState(MED, "stopped");
    t.teardown(() => lab.setServerState(MED, "running"));
    const { code, stdout, stderr } = await smoke(dir, ["--site", "site.yaml"]);
    t.equal(code, ExitCode.Failed, "exit 1", { stdout, stderr });
    t.match(stdout, /\[2\/3\] FAILED {2}mediation-med01: Mediation Server med01\.contoso\.com/);
    t.match(stdout, / {6}FAILED {2}OPTIONS to med01\.contoso\.com \(.*\n {10}saw connection-refused: /);
    t.match(stdout, /steps\[0\]\.expect\.outcome: expected outcome ok, saw failed/);
    const { model } = await onlyRun(dir);
    t.same(verdicts(model), [
      ["call-router-cas01", "passed", ["passed", "passed"]],
      ["mediation-med01", "failed", ["failed", "failed"]],
      ["secured-call", "passed", ["passed"]],
    ]);
  });

  t.test("a black-holed Call Router: a no-response verdict within the bound, never a hang", async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "site.yaml": siteYaml(lab, { timeout: "500ms", safety: "{ maxDuration: 20s }" }) });
    await lab.setFault(CAS, { kind: "black-hole" });
    t.teardown(() => lab.setFault(CAS, null));
    const started = Date.now();
    const { code, stdout, stderr } = await smoke(dir, ["--site", "site.yaml", "--json"]);
    t.ok(Date.now() - started < 20_000, "finished within safety.maxDuration");
    t.equal(code, ExitCode.Failed, "exit 1", { stdout, stderr });
    t.match(stderr, /: 3 checks against site the lab as a site, 20 s at most\n/, "the site's bound; progress on stderr with --json");
    const run = JSON.parse(stdout) as RunResult;
    t.match(run.scenarios[0]?.steps[0]?.evidence, { kind: "options", outcome: "failed", failure: { code: "no-response" } });
    t.match(run.scenarios[2]?.steps[0], { verdict: "failed" }, "the call through the Call Router fails too");
    t.match(run.scenarios[1], { verdict: "passed" }, "the Mediation Server is unaffected");
  });

  t.test("the bound on the whole run stops a check that would outlast it", async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "site.yaml": siteYaml(lab, { timeout: "30s", safety: "{ maxDuration: 1s }" }) });
    await lab.setFault(CAS, { kind: "black-hole" });
    t.teardown(() => lab.setFault(CAS, null));
    const started = Date.now();
    const { code, stdout } = await smoke(dir, ["--site", "site.yaml"]);
    t.ok(Date.now() - started < 10_000, `stopped at the bound, not after the 30 s timeout (${Date.now() - started} ms)`);
    t.equal(code, ExitCode.HarnessError, "the run did not finish its checks: exit 3");
    t.match(stdout, /error\[EXUM_RUN_DEADLINE\]: the run reached its maximum duration \(1 s\)/);
    const { model } = await onlyRun(dir);
    t.match(model.scenarios.map((scenario) => scenario.verdict), ["error", "skipped", "skipped"]);
  });

  t.test("Ctrl-C: exit 130, run.json of what ran", async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "site.yaml": siteYaml(lab, { timeout: "30s" }) });
    await lab.setFault(MED, { kind: "black-hole" });
    t.teardown(() => lab.setFault(MED, null));
    const controller = new AbortController();
    const started = Date.now();
    const pending = smoke(dir, ["--site", "site.yaml"], controller.signal);
    // Abort once the Call Router's check is done and the Mediation Server's OPTIONS hangs.
    while (Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const runs = await readdir(join(dir, "reports")).catch(() => []);
      const log = runs[0] === undefined ? "" : await readIfWritten(join(dir, "reports", runs[0], "log.jsonl.partial"));
      if (log.includes('"scenario":"call-router-cas01","verdict":"passed"')) break;
    }
    controller.abort();
    const { code, stdout } = await pending;
    t.equal(code, ExitCode.Interrupted, "exit 130", { stdout });
    t.ok(Date.now() - started < 20_000, "it did not wait the 30 s");
    t.match(stdout, /Interrupted: 3 scenarios: 1 passed, 0 failed, 0 errors, 2 skipped/);
    const { files, model } = await onlyRun(dir);
    t.same(files, ["junit.xml", "log.jsonl", "report.html", "report.md", "run.json"]);
    t.equal(model.interrupted, true);
    t.same(
      model.scenarios.map((scenario) => [scenario.id, scenario.verdict, scenario.skipReason]),
      [
        ["call-router-cas01", "passed", null],
        ["mediation-med01", "skipped", "interrupted (Ctrl-C) while it ran"],
        ["secured-call", "skipped", "interrupted (Ctrl-C) before it ran"],
      ],
    );
  });

  t.test("a site with no pilot: the call is skipped with a note, the rest passes", async (t) => {
    const dir = await tempDir(t);
    await writeFiles(dir, { "site.yaml": siteYaml(lab, { pilots: "{}" }) });
    const { code, stdout } = await smoke(dir, ["--site", "site.yaml", "--reporter", "list,json"]);
    t.equal(code, ExitCode.Ok, "exit 0", { stdout });
    t.match(stdout, /\[3\/3\] skipped secured-call: Secured call\n {6}skipped: the site names no auto attendant or Subscriber Access pilot \(add pilots: autoAttendant: or subscriberAccess: in .*site\.yaml\)/);
    const { files } = await onlyRun(dir);
    t.same(files, ["log.jsonl", "run.json"]);
  });
});

t.test("bad input: exit 2 naming the file and field, nothing written", async (t) => {
  const dir = await tempDir(t);
  await writeFiles(dir, {
    "root.pem": "not used",
    "bad-key.yaml": "domain: contoso.com\nroles: { callRouter: cas01.contoso.com }\nidentity: { cert: root.pem, key: root.pem }\ncaBundle: root.pem\nsafety: { maxCals: 1 }\n",
    "bad-role.yaml": "domain: contoso.com\nroles: { callRouter: 10.0.0.5 }\nidentity: { cert: root.pem, key: root.pem }\ncaBundle: root.pem\n",
    "no-servers.yaml": "domain: contoso.com\nroles: { pool: pool01.contoso.com }\nidentity: { cert: root.pem, key: root.pem }\ncaBundle: root.pem\n",
    "not-yaml.yaml": "domain: [contoso.com\n",
  });
  const cases: [string[], RegExp][] = [
    [["--site", "bad-key.yaml"], /error\[EXUM_SITE_INVALID\]: .*bad-key\.yaml:5:\d+: safety\.maxCals: /],
    [["--site", "bad-role.yaml"], /error\[EXUM_SITE_INVALID\]: .*bad-role\.yaml:2:\d+: roles\.callRouter: roles are bound to FQDNs/],
    [["--site", "no-servers.yaml"], /error\[EXUM_SMOKE_NOTHING_TO_CHECK\]: .*no-servers\.yaml: roles binds no callRouter, exchange2010 or mediation server/],
    [["--site", "not-yaml.yaml"], /error\[EXUM_SITE_NOT_YAML\]: .*not-yaml\.yaml/],
    [["--site", "missing.yaml"], /error\[EXUM_SITE_UNREADABLE\]: .*missing\.yaml/],
    [[], /error\[EXUM_BAD_FLAG\]: exum smoke needs --site <file>/],
    [["--site", "no-servers.yaml", "--timeout", "0"], /error\[EXUM_BAD_FLAG\]: --timeout 0 is not a positive number/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await smoke(dir, args);
    t.equal(code, ExitCode.BadInput, `${args.join(" ")}: exit 2`);
    t.match(stderr, message, args.join(" "));
  }
  t.same(await readdir(join(dir, "reports")).catch(() => []), [], "no report folder");
});

