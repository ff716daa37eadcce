import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { parse as parseYaml } from "yaml";
import { defaultLoadedTopology } from "../lab/topology/topology-default.js";
import { bindRoles } from "./bind-roles.js";
import { loadScenarioDir } from "./load-scenario-dir.js";
import { loadScenarioFile } from "./load-scenario.js";
import { parseSiteYaml } from "./load-site.js";
import { jsonSchemaFiles } from "./write-json-schemas.js";

const ROOT = join(import.meta.dirname, "..", "..");
const LIBRARY = join(ROOT, "scenarios");

/** The scenario library (docs/design.md §6): every case it names, by file. */
const REQUIRED = [
  "happy-path",
  "incompatible-security-setting",
  "srtp-vs-sip-secured",
  "lync-phone-edition-table",
  "startup-mode-tcp-secured-dial-plan",
  "tls-into-unsecured-dial-plan",
  "pool-certificate-names-no-gateway",
  "disabled-um-ip-gateway",
  "self-signed-um-certificate",
  "wildcard-subject-name",
  "certificate-from-another-ca",
  "expired-certificate",
  "fqdn-missing-from-certificate",
  "redundant-um-seed-example-1",
  "redundant-um-seed-example-2",
  "mediation-srtpmode-vs-sip-secured",
  "exchange-2010-direct-to-worker",
  "subscriber-access-and-auto-attendant",
  "owa-trusted-application",
  "pool-routes-voicemail",
  "pool-failover",
  "pool-deployment-steps-undone",
  "diversion-decides-the-mailbox",
  "diversion-lost-across-redirect",
];

t.test("every shipped scenario validates and binds to the default lab", async (t) => {
  const library = await loadScenarioDir(LIBRARY);
  const ids = library.map((scenario) => scenario.id);
  for (const id of REQUIRED) t.ok(ids.includes(id), `the library has ${id}`);
  for (const loaded of library) {
    const plan = bindRoles(loaded, { kind: "lab", topology: defaultLoadedTopology() });
    t.equal(plan.skip, null, `${loaded.id} runs on the lab`);
    t.ok(plan.steps.length > 0, `${loaded.id} has steps`);
    t.ok(loaded.scenario.summary.length > 40, `${loaded.id} says what real-world case it reproduces`);
    t.ok(loaded.scenario.steps.some((step) => "expect" in step && step.expect !== undefined), `${loaded.id} expects something`);
    const text = await readFile(loaded.file, "utf8");
    t.match(text, /^# yaml-language-server: \$schema=\.\/scenario\.schema\.json\n/, `${loaded.id} names its JSON Schema for editors`);
    if (plan.steps.some((step) => step.kind === "lab") || loaded.scenario.lab !== undefined) {
      t.ok(loaded.scenario.site?.labOnly === true, `${loaded.id} changes or needs the lab, so it is lab-only`);
    }
  }
});

t.test("every probing step of the library checks something: a step without expect would always pass", async (t) => {
  const unchecked: string[] = [];
  for (const file of (await readdir(LIBRARY)).filter((name) => name.endsWith(".yaml") && name !== "site.example.yaml")) {
    const doc = parseYaml(await readFile(join(LIBRARY, file), "utf8")) as { steps?: Record<string, unknown>[] };
    (doc.steps ?? []).forEach((step, index) => {
      const probing = ["options", "call", "certs", "failover"].some((kind) => kind in step);
      const expect = step["expect"];
      if (probing && (typeof expect !== "object" || expect === null || Object.keys(expect).length === 0)) unchecked.push(`${file} steps[${index}]`);
    });
  }
  t.same(unchecked, [], "options, call, certs and failover steps each expect something (lab and wait steps change or wait)");
});

t.test("site.example.yaml validates, and the library binds or skips against it", async (t) => {
  const file = join(LIBRARY, "site.example.yaml");
  const site = parseSiteYaml(await readFile(file, "utf8"), file);
  t.equal(site.site.identity.passphraseEnv, "EXUM_PFX_PASSPHRASE");
  t.notMatch(await readFile(file, "utf8"), /^\s*passphrase:/m, "no literal passphrase in the example");
  const library = await loadScenarioDir(LIBRARY);
  let runnable = 0;
  for (const loaded of library) {
    const plan = bindRoles(loaded, { kind: "site", site });
    if (plan.skip === null) runnable += 1;
    else t.match(plan.skip, /^(lab only: |the site binds no )/, `${loaded.id} is skipped: ${plan.skip}`);
  }
  t.ok(runnable >= 3, `at least the smoke scenarios run against a site (${runnable})`);
});

t.test("the committed JSON Schemas are what the zod schemas generate", async (t) => {
  for (const { file, text } of jsonSchemaFiles(LIBRARY)) {
    const committed = await readFile(file, "utf8").catch(() => "(missing)");
    t.equal(committed, text, `${file} is up to date (regenerate it with npm run generate)`);
  }
});

t.test("the deliberately wrong scenario is valid: only running it shows the mistake", async (t) => {
  const loaded = await loadScenarioFile(join(import.meta.dirname, "testdata", "wrong-expectation.yaml"));
  const plan = bindRoles(loaded, { kind: "lab", topology: defaultLoadedTopology() });
  t.match(plan.steps[0], { kind: "call", expect: { outcome: "answered", negotiated: { media: "rtp" } } });
});
