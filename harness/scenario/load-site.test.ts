import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { isHarnessError } from "../errors/harness-error.js";
import { loadSiteFile, parseSiteYaml } from "./load-site.js";

const SITES = join(import.meta.dirname, "testdata", "sites");

t.test("a valid site loads: endpoints, users and pilots normalised, paths made absolute", async (t) => {
  const loaded = await loadSiteFile(join(SITES, "valid.yaml"));
  const site = loaded.site;
  t.same(site.roles.callRouter, [
    { fqdn: "cas01.contoso.com", tlsPort: null, tcpPort: null },
    { fqdn: "cas02.contoso.com", tlsPort: 5071, tcpPort: null },
  ]);
  t.same(site.roles.umService, [{ fqdn: "mbx01.contoso.com", tlsPort: 5163, tcpPort: null }]);
  t.equal(site.identity.pfx, join(SITES, "files", "pool.pfx"));
  t.same(site.caBundle, [join(SITES, "files", "ca.pem")]);
  t.same(site.users, [
    { sipAddress: "umtest1@contoso.com", alias: "alice" },
    { sipAddress: "carol@contoso.com", alias: null },
  ]);
  t.same(site.pilots, { subscriberAccess: ["dp1.contoso.com"], autoAttendant: ["+14255550100"] });
  t.same(site.media, { encryptionLevel: "RequireEncryption", srtpMode: "Optional" });
  t.same(site.resolve, [{ host: "cas01.contoso.com", port: null, address: "10.0.0.5" }]);
  t.same(site.safety, { maxCalls: 2, maxDuration: 300_000, maxHold: 1_000 });
  t.equal(site.timeout, 8_000);
});

const CASES: { file: string; field: string; line: number; message: RegExp; hint?: RegExp }[] = [
  { file: "literal-passphrase.yaml", field: "identity.passphrase", line: 3, message: /"passphrase" is not allowed/, hint: /passphraseEnv/ },
  { file: "address-role.yaml", field: "roles.callRouter", line: 3, message: /not addresses/, hint: /resolve:/ },
  { file: "pfx-and-cert.yaml", field: "identity.pfx", line: 3, message: /not both/ },
  { file: "missing-domain.yaml", field: "domain", line: 1, message: /"domain" is required/ },
  { file: "bad-resolve.yaml", field: "resolve[0]", line: 6, message: /is not <fqdn>:<port>:<address>/ },
  { file: "unknown-role.yaml", field: "roles.callrouter", line: 3, message: /did you mean "callRouter"/ },
  { file: "missing-files.yaml", field: "identity.pfx", line: 3, message: /cannot read .*does-not-exist\.pfx[\s\S]*caBundle: cannot read/ },
];

t.test("malformed site files fail with exit 2, naming file, line and path", async (t) => {
  for (const c of CASES) {
    const file = join(SITES, c.file);
    const error = await loadSiteFile(file).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isHarnessError(error)) {
      t.fail(`${c.file} did not fail with a HarnessError`);
      continue;
    }
    t.equal(error.code, "EXUM_SITE_INVALID", `${c.file}: code`);
    t.equal(error.exitCode, ExitCode.BadInput, `${c.file}: exit 2`);
    t.equal(error.file, file, `${c.file}: names the file`);
    t.equal(error.field, c.field, `${c.file}: names the path`);
    t.match(error.message, `${file}:${c.line}:`, `${c.file}: names the line`);
    t.match(error.message, c.message, `${c.file}: says what is wrong`);
    if (c.hint !== undefined) t.match(error.hint, c.hint, `${c.file}: hint`);
  }
});

t.test("unreadable and non-YAML site files", async (t) => {
  await t.rejects(loadSiteFile(join(SITES, "no-such-site.yaml")), { code: "EXUM_SITE_UNREADABLE", exitCode: 2 });
  t.throws(() => parseSiteYaml("domain: [", "s.yaml"), { code: "EXUM_SITE_NOT_YAML", file: "s.yaml" });
});

t.test("one role must be bound; an identity needs cert or pfx; ports and pilots are checked", async (t) => {
  const base = "domain: contoso.com\ncaBundle: ca.pem\n";
  t.throws(() => parseSiteYaml(`${base}roles: {}\nidentity: { pfx: p.pfx }\n`, "s.yaml"), { field: "roles", message: /at least one role/ });
  t.throws(() => parseSiteYaml(`${base}roles: { pool: pool01.contoso.com }\nidentity: { key: k.pem }\n`, "s.yaml"), { field: "identity", message: /cert \(and key\) or pfx/ });
  t.throws(() => parseSiteYaml(`${base}roles: { pool: "pool01.contoso.com:70000" }\nidentity: { pfx: p.pfx }\n`, "s.yaml"), { field: "roles.pool", message: /70000/ });
  t.throws(() => parseSiteYaml(`${base}roles: { pool: pool01.contoso.com }\nidentity: { pfx: p.pfx, passphraseEnv: "not a name" }\n`, "s.yaml"), { code: "EXUM_SITE_INVALID", field: "identity.passphraseEnv" });
  t.throws(() => parseSiteYaml(`${base}roles: { pool: pool01.contoso.com }\nidentity: { pfx: p.pfx }\npilots: { autoAttendant: ["a b"] }\n`, "s.yaml"), { code: "EXUM_SITE_INVALID", field: "pilots.autoAttendant[0]" });
});
