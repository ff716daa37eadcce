import { readdir } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { startTestLab } from "../lab/lab-test-fixture.js";
import type { RunResult } from "../model/run-result.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { runCommand } from "./run-command.js";

const SCENARIOS = join(import.meta.dirname, "..", "..", "scenarios");

// docs/design.md §6: "the same scenarios run unchanged against a real deployment". A running lab plays the real site: the
// site file binds the roles to its FQDNs, maps them to its addresses with resolve:, and presents the lab's PFX.
t.test("the library against a site: bound by the site file, lab-only scenarios skipped", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  const pki = lab.pki;
  const resolve = [...lab.servers.values()].map((server) => `${server.fqdn}:*:${server.address}`);
  const site = (identity: string) => `name: the lab as a site
domain: contoso.com
roles:
  callRouter: cas01.tukwila.contoso.com
  umService: [mbx01.tukwila.contoso.com, mbx02.tukwila.contoso.com]
  exchange2010: um2010.contoso.com
  pool: pool01.contoso.com
  owa: owapool.contoso.com:5199
identity: ${identity}
identities:
  owa: { cert: ${pki.personas.owa.chain}, key: ${pki.personas.owa.key} }
caBundle: ${pki.rootCa}
users: [alice@contoso.com, carol@contoso.com]
pilots: { subscriberAccess: dp1.contoso.com, autoAttendant: aa }
resolve: [${resolve.join(", ")}]
timeout: 3s
`;
  await writeFiles(dir, {
    "site.yaml": site(`{ pfx: ${pki.certificates.pool01?.cert.replace(/\.crt$/, ".pfx")}, passphraseEnv: EXUM_SITE_PASSPHRASE }`),
    "site-pem.yaml": site(`{ cert: ${pki.personas.pool.chain}, key: ${pki.personas.pool.key} }`),
  });
  const scenarios = ["happy-path", "owa-trusted-application", "subscriber-access-and-auto-attendant", "exchange-2010-direct-to-worker", "incompatible-security-setting"].map((id) => join(SCENARIOS, `${id}.yaml`));

  const io = memoryIo({ cwd: dir, env: { EXUM_SITE_PASSPHRASE: "exum" } });
  const code = await dispatch(["run", ...scenarios, "--site", "site.yaml", "--json"], io, [runCommand as never]);
  const run = JSON.parse(io.stdout) as RunResult;
  t.same(
    run.scenarios.flatMap((scenario) => scenario.steps.flatMap((step) => step.expectations.filter((e) => !e.met).map((e) => `${scenario.id} ${e.path}: ${e.message ?? ""}`))),
    [],
    "every expectation met against the site",
  );
  t.equal(code, ExitCode.Ok, "exit 0", { stderr: io.stderr });
  t.match(run.target, { kind: "site", name: "the lab as a site", file: "site.yaml" });
  t.same(
    run.scenarios.map((scenario) => [scenario.id, scenario.verdict]),
    [
      ["happy-path", "passed"],
      ["owa-trusted-application", "passed"],
      ["subscriber-access-and-auto-attendant", "passed"],
      ["exchange-2010-direct-to-worker", "passed"],
      ["incompatible-security-setting", "skipped"],
    ],
  );
  t.match(run.scenarios[4]?.skipReason, /^lab only: needs a SIPSecured dial plan/);
  t.same(run.scenarios[0]?.events, [], "a site has no simulated event log");
  const call = run.scenarios[0]?.steps[2]?.evidence;
  t.match(call, { kind: "call", hops: [{ role: "callRouter", server: "cas01.tukwila.contoso.com" }, { role: "umService" }, { role: "worker", server: "mbx01.tukwila.contoso.com" }] }, "hops placed by the site's bindings and the product's ports");

  const pem = memoryIo({ cwd: dir });
  t.equal(await dispatch(["run", join(SCENARIOS, "happy-path.yaml"), "--site", "site-pem.yaml", "--reporter", "list"], pem, [runCommand as never]), ExitCode.Ok, "a PEM identity too", { stderr: pem.stderr });
});

t.test("site identity problems are bad input: exit 2, naming the site file and field, nothing written", async (t) => {
  const lab = await startTestLab(t, { ports: "ephemeral" });
  const dir = await tempDir(t);
  const pfx = lab.pki.certificates.pool01?.cert.replace(/\.crt$/, ".pfx");
  await writeFiles(dir, {
    "site.yaml": `domain: contoso.com\nroles: { callRouter: cas01.tukwila.contoso.com }\nidentity: { pfx: ${pfx}, passphraseEnv: EXUM_SITE_PASSPHRASE }\ncaBundle: ${lab.pki.rootCa}\n`,
    "options.yaml": "name: OPTIONS\nsummary: One OPTIONS to the Call Router.\nsteps:\n  - options: callRouter\n",
  });
  const scenario = "options.yaml";
  const missing = memoryIo({ cwd: dir });
  t.equal(await dispatch(["run", scenario, "--site", "site.yaml"], missing, [runCommand as never]), ExitCode.BadInput);
  t.match(missing.stderr, /error\[EXUM_SITE_PASSPHRASE_MISSING\]: .*site\.yaml: identity\.passphraseEnv names EXUM_SITE_PASSPHRASE, which is not set\n {2}in: .*site\.yaml at identity\.passphraseEnv\n {2}hint: export EXUM_SITE_PASSPHRASE=/);
  const wrong = memoryIo({ cwd: dir, env: { EXUM_SITE_PASSPHRASE: "not it" } });
  t.equal(await dispatch(["run", scenario, "--site", "site.yaml"], wrong, [runCommand as never]), ExitCode.BadInput);
  t.match(wrong.stderr, /error\[EXUM_PFX_PASSPHRASE\]: .*site\.yaml: identity: /);
  t.same(await readdir(join(dir, "reports")).catch(() => []), [], "no report folder");
});
