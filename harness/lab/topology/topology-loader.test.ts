import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import t from "tap";
import { defaultTopology } from "./topology-default.js";
import { formatError } from "../../errors/format-error.js";
import { loadTopology, MAX_TOPOLOGY_BYTES, parseTopologyYaml } from "./topology-loader.js";

const dir = fileURLToPath(new URL("./testdata/", import.meta.url));
const fixture = (name: string) => join(dir, name);

t.test("a valid topology file loads, with defaults and computed values", async (t) => {
  const { topology } = await loadTopology(fixture("valid-small.yaml"));
  t.equal(topology.name, "small lab");
  t.match(topology.servers[1], { exchangeVersion: 2019, startupMode: "Dual", certificate: "mbx01", state: "running" });
  t.match(topology.users[0], { sipAddress: "alice@contoso.com", extension: "1001" });
  t.match(topology.umIpGateways[0]?.huntGroups[0], { name: "DP1", pilot: "dp1" });
});

/** Each malformed fixture: the error code, and what the message must name (file:line:column, path, problem). */
const malformed: { file: string; code: string; field?: string; message: RegExp }[] = [
  { file: "unknown-key.yaml", code: "EXUM_TOPOLOGY_INVALID", field: "dialPlans[0].VoIPSecurity", message: /unknown-key\.yaml:7:5: dialPlans\[0\]\.VoIPSecurity: unknown key "VoIPSecurity" \(did you mean "voipSecurity"\?\)/ },
  { file: "bad-enum.yaml", code: "EXUM_TOPOLOGY_INVALID", field: "dialPlans[0].voipSecurity", message: /bad-enum\.yaml:7:19: dialPlans\[0\]\.voipSecurity: "Encrypted" is not one of: Unsecured, SIPSecured, Secured/ },
  { file: "dangling-reference.yaml", code: "EXUM_TOPOLOGY_INVALID", field: "dialPlans[0].servers[1]", message: /dangling-reference\.yaml:11:9: dialPlans\[0\]\.servers\[1\]: dial plan member "mbx09\.tukwila\.contoso\.com" is not a server[^]*dangling-reference\.yaml:15:15: users\[0\]\.dialPlan: dial plan "DP2" does not exist/ },
  { file: "duplicate-fqdn.yaml", code: "EXUM_TOPOLOGY_INVALID", field: "servers[1].fqdn", message: /duplicate-fqdn\.yaml:5:11: servers\[1\]\.fqdn: server FQDN "mbx01\.tukwila\.contoso\.com" is given twice/ },
  { file: "bad-role.yaml", code: "EXUM_TOPOLOGY_INVALID", field: "servers[0].role", message: /bad-role\.yaml:4:11: servers\[0\]\.role: role "edge" is not one of/ },
  { file: "not-yaml.yaml", code: "EXUM_TOPOLOGY_NOT_YAML", message: /not-yaml\.yaml:4:1: not valid YAML: / },
  { file: "empty.yaml", code: "EXUM_TOPOLOGY_NOT_YAML", message: /empty\.yaml: the file is empty/ },
];

t.test("malformed topology files fail with exit 2, naming the file, line, column and path", async (t) => {
  for (const c of malformed) {
    const error = await loadTopology(fixture(c.file)).then(
      () => undefined,
      (e: unknown) => e,
    );
    t.match(error, { code: c.code, kind: "input", exitCode: 2, file: fixture(c.file), message: c.message, ...(c.field === undefined ? {} : { field: c.field }) }, c.file);
    t.match(formatError(error), new RegExp(`^error\\[${c.code}\\]: [^]*${c.file.replace(".", "\\.")}`), `${c.file}: printable`);
  }
});

t.test("a missing, oversized or non-file path is unreadable input", async (t) => {
  await t.rejects(loadTopology(fixture("missing.yaml")), { code: "EXUM_TOPOLOGY_UNREADABLE", exitCode: 2, message: /missing\.yaml/ });
  await t.rejects(loadTopology(dir), { code: "EXUM_TOPOLOGY_UNREADABLE", message: /not a regular file/ });
  const big = join(t.testdir(), "big.yaml");
  await writeFile(big, `# ${"x".repeat(MAX_TOPOLOGY_BYTES)}\n`);
  await t.rejects(loadTopology(big), { code: "EXUM_TOPOLOGY_UNREADABLE", message: /more than/ });
});

t.test("YAML details: duplicate keys, aliases, alias bombs, paths through aliases", async (t) => {
  t.throws(() => parseTopologyYaml("servers: []\nservers: []\n", "dup.yaml"), { code: "EXUM_TOPOLOGY_NOT_YAML", message: /^dup\.yaml:2:1: not valid YAML: Map keys must be unique/ });
  const aliased = [
    "x-router: &router { role: callRouter, startupMode: Dual }",
    "servers:",
    "  - { fqdn: cas01.tukwila.contoso.com, role: callRouter }",
  ].join("\n");
  t.throws(() => parseTopologyYaml(aliased, "alias.yaml"), { field: "x-router", message: /^alias\.yaml:1:1: x-router: unknown key "x-router"/ });
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]"].join("\n");
  t.throws(() => parseTopologyYaml(bomb, "bomb.yaml"), { code: "EXUM_TOPOLOGY_NOT_YAML", message: /alias/i });
  const throughAlias = [
    "servers:",
    "  - fqdn: cas01.contoso.com",
    "    role: callRouter",
    "    fault: &f { kind: slow, delayMs: -1 }",
    "  - fqdn: mbx01.contoso.com",
    "    role: mailbox",
    "    fault: *f",
  ].join("\n");
  t.throws(() => parseTopologyYaml(throughAlias, "alias.yaml"), {
    message: /alias\.yaml:4:\d+: servers\[0\]\.fault\.delayMs: -1: [^]*alias\.yaml:4:\d+: servers\[1\]\.fault\.delayMs: /,
  });
  t.throws(() => parseTopologyYaml("servers: *nowhere\n", "unresolved.yaml"), { code: "EXUM_TOPOLOGY_NOT_YAML", message: /unresolved\.yaml: .*alias/i });
});

t.test("a top-level list or scalar is named at line 1", async (t) => {
  t.throws(() => parseTopologyYaml("- servers\n", "list.yaml"), { code: "EXUM_TOPOLOGY_INVALID", message: /^list\.yaml:1:1: \(top level\): expected object, found a list/ });
  t.throws(() => parseTopologyYaml("servers\n", "scalar.yaml"), { message: /^scalar\.yaml:1:1: \(top level\): expected object, found "servers"/ });
});

t.test("a file that names only what it changes overrides the built-in default (the README's promise)", async (t) => {
  const changed = parseTopologyYaml("dialPlans:\n  - name: DP1\n    voipSecurity: Unsecured\n", "changes.yaml");
  t.equal(changed.dialPlans.find((plan) => plan.name === "DP1")?.voipSecurity, "Unsecured");
  t.equal(changed.servers.length, defaultTopology().servers.length, "every default server is still there");
  t.throws(() => parseTopologyYaml("dialPlans:\n  - name: DP1\n    voipSecurity: Sometimes\n", "changes.yaml"), {
    code: "EXUM_TOPOLOGY_OVERRIDE_INVALID",
    exitCode: 2,
    message: /changes\.yaml:3:\d+: dialPlans\[0\]\.voipSecurity/,
  });
});
