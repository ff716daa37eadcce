import { spawnSync } from "node:child_process";
import { readFile, rm, stat, unlink, writeFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { generateLabPki } from "./generate-lab-pki.js";
import { LAB_IDENTITIES, LAB_ROOT_CA } from "./lab-identities.js";
import { LAB_MISTAKES } from "./lab-mistakes.js";
import { lintCertificate } from "./lint-certificate.js";
import { readLabManifest } from "./read-lab-manifest.js";

const OPENSSL = "/usr/bin/openssl";
const dir = await mkdtemp(join(tmpdir(), "exum-lab-pki-"));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const progress: string[] = [];
const first = await generateLabPki({ dir, onProgress: (line) => progress.push(line) });
const { manifest } = first;
const path = (relative: string) => join(dir, relative);

/**
 * What `openssl verify -CAfile root-ca.crt -untrusted <chain> <cert>` says (OpenSSL 3.0, default settings), and
 * with the strict flags `-auth_level 2 -purpose sslclient -verify_hostname <fqdn>`. 0 = OK, else the X509_V_ERR
 * number. OpenSSL's defaults accept RSA-1024, SHA-1, a missing clientAuth EKU and a missing FQDN: only the
 * strict run (security level 2, client purpose, host name) rejects those; nothing in OpenSSL knows the UM rule
 * against a wildcard Subject Name, which only `certs lint` catches.
 */
const OPENSSL_SAYS: Record<string, { readonly plain: number; readonly strict: number }> = {
  "self-signed": { plain: 18, strict: 18 }, // self-signed certificate
  "wildcard-subject": { plain: 0, strict: 0 },
  "wildcard-san": { plain: 0, strict: 0 },
  "redundant-um-san": { plain: 0, strict: 0 },
  "signed-by-other-ca": { plain: 19, strict: 19 }, // self-signed certificate in certificate chain
  expired: { plain: 10, strict: 10 }, // certificate has expired
  "not-yet-valid": { plain: 9, strict: 9 }, // certificate is not yet valid
  "fqdn-missing": { plain: 0, strict: 62 }, // hostname mismatch
  "rsa-1024": { plain: 0, strict: 66 }, // EE certificate key too weak
  "sha1-signature": { plain: 0, strict: 68 }, // CA signature digest algorithm too weak
  "no-client-auth": { plain: 0, strict: 26 }, // unsuitable certificate purpose
};

function opensslVerify(cert: string, chain: string | undefined, extra: string[] = []): { code: number; output: string } {
  const args = ["verify", ...extra, "-CAfile", path(manifest.root.files.cert), ...(chain === undefined ? [] : ["-untrusted", chain]), cert];
  const result = spawnSync(OPENSSL, args, { encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`;
  const error = /error (\d+) at/.exec(output);
  return { code: result.status === 0 ? 0 : Number(error?.[1] ?? -1), output };
}

t.test("the manifest lists the root, every lab identity and every mistake", async (t) => {
  t.equal(manifest.root.subject, `CN=${LAB_ROOT_CA.commonName}, O=exum lab`);
  t.same(
    manifest.entries.map((entry) => entry.name),
    [...LAB_IDENTITIES.map((identity) => identity.name), ...LAB_MISTAKES.map((mistake) => mistake.name)],
  );
  t.equal(first.created.length, 2 + LAB_IDENTITIES.length + LAB_MISTAKES.length, "two roots, the servers, the mistakes");
  t.same(await readLabManifest(dir), manifest, "what is on disk is what was returned");
  for (const identity of LAB_IDENTITIES) {
    const entry = manifest.entries.find((candidate) => candidate.name === identity.name);
    t.equal(entry?.subject, `CN=${identity.fqdns[0]}, O=exum lab`, `${identity.name}: FQDN as Subject Name`);
    t.same(entry?.fqdns, identity.fqdns, `${identity.name}: FQDN in the SAN`);
    t.ok(entry?.files.pfx, `${identity.name}: has a PFX`);
  }
  t.same(manifest.entries.find((entry) => entry.name === "pool01")?.personas, ["pool"]);
});

t.test("private keys and PFX files are 0600, certificates 0644", async (t) => {
  for (const entry of [manifest.root, ...manifest.entries]) {
    t.equal((await stat(path(entry.files.key))).mode & 0o777, 0o600, `${entry.files.key}`);
    t.equal((await stat(path(entry.files.cert))).mode & 0o777, 0o644, `${entry.files.cert}`);
    if ("pfx" in entry.files && entry.files.pfx !== undefined) t.equal((await stat(path(entry.files.pfx))).mode & 0o777, 0o600, entry.files.pfx);
  }
  t.notMatch(progress.join("\n"), /PRIVATE KEY|BEGIN/, "progress never shows key material");
});

t.test("openssl verify accepts every server certificate, strictly, both purposes", async (t) => {
  for (const entry of manifest.entries.filter((candidate) => candidate.kind === "server")) {
    const fqdn = entry.lint.fqdn ?? "";
    for (const purpose of ["sslserver", "sslclient"]) {
      const result = opensslVerify(path(entry.files.cert), path(entry.files.chain), ["-auth_level", "2", "-purpose", purpose, "-verify_hostname", fqdn]);
      t.equal(result.code, 0, `${entry.name} ${purpose}: ${result.output.trim()}`);
    }
  }
  t.equal(opensslVerify(path(manifest.root.files.cert), undefined).code, 0, "the root itself");
});

t.test("openssl verify on the mistakes says what the table says", async (t) => {
  t.same(Object.keys(OPENSSL_SAYS).sort(), LAB_MISTAKES.map((mistake) => mistake.name).sort());
  for (const entry of manifest.entries.filter((candidate) => candidate.kind === "mistake")) {
    const expected = OPENSSL_SAYS[entry.name];
    const plain = opensslVerify(path(entry.files.cert), path(entry.files.chain));
    t.equal(plain.code, expected?.plain, `${entry.name}: ${plain.output.trim()}`);
    const strict = opensslVerify(path(entry.files.cert), path(entry.files.chain), ["-auth_level", "2", "-purpose", "sslclient", "-verify_hostname", entry.lint.fqdn ?? ""]);
    t.equal(strict.code, expected?.strict, `${entry.name} (strict): ${strict.output.trim()}`);
  }
});

t.test("certs lint gives every entry its intended verdict", async (t) => {
  const root = await readFile(path(manifest.root.files.cert), "utf8");
  for (const entry of manifest.entries) {
    const report = lintCertificate({
      chainPems: [await readFile(path(entry.files.cert), "utf8")],
      caPems: [root],
      ...(entry.lint.fqdn === undefined ? {} : { fqdn: entry.lint.fqdn }),
      ...(entry.lint.peers === undefined ? {} : { peers: entry.lint.peers }),
    });
    const failed = (severity: string) => report.findings.filter((f) => f.status === "fail" && f.severity === severity).map((f) => f.ruleId);
    t.same(failed("error").sort(), [...entry.expectedFailures].sort(), `${entry.name}: errors`);
    t.same(failed("warning").sort(), [...entry.expectedWarnings].sort(), `${entry.name}: warnings`);
    t.equal(report.verdict === "pass" ? "valid" : "invalid", entry.intendedVerdict, `${entry.name}: ${entry.intendedVerdict}`);
  }
});

t.test("PFX files open with the lab passphrase (openssl), and only with it", async (t) => {
  const pfx = path("mbx01.pfx");
  t.equal(spawnSync(OPENSSL, ["pkcs12", "-in", pfx, "-passin", "pass:exum", "-noout"]).status, 0);
  t.not(spawnSync(OPENSSL, ["pkcs12", "-in", pfx, "-passin", "pass:wrong", "-noout"]).status, 0);
});

t.test("idempotent: a second run keeps everything; a missing or wrong file is made again", async (t) => {
  const before = await readFile(path("mbx01.crt"), "utf8");
  const second = await generateLabPki({ dir });
  t.same(second.created, []);
  t.equal(second.kept.length, first.created.length);
  t.equal(await readFile(path("mbx01.crt"), "utf8"), before, "untouched");

  await unlink(path("mbx02.key"));
  await writeFile(path("mistakes/expired.crt"), before); // a valid certificate where the expired one belongs
  const third = await generateLabPki({ dir });
  t.same(third.created.sort(), ["expired", "mbx02"]);
  t.equal((await stat(path("mbx02.key"))).mode & 0o777, 0o600);
  t.equal(opensslVerify(path("mistakes/expired.crt"), undefined).code, 10, "expired again");

  const passphrase = await generateLabPki({ dir, pfxPassphrase: "changed" });
  t.same(passphrase.created.sort(), LAB_IDENTITIES.map((identity) => identity.name).sort(), "a new passphrase rewrites the PFX files");
  t.equal(spawnSync(OPENSSL, ["pkcs12", "-in", path("mbx01.pfx"), "-passin", "pass:changed", "-noout"]).status, 0);
});

t.test("the manifest reader refuses what it does not know", async (t) => {
  const empty = await mkdtemp(join(tmpdir(), "exum-no-pki-"));
  t.teardown(() => rm(empty, { recursive: true, force: true }));
  await t.rejects(readLabManifest(empty), { code: "EXUM_NO_LAB_PKI", message: /no manifest\.json/ });
  await writeFile(join(empty, "manifest.json"), "{");
  await t.rejects(readLabManifest(empty), { code: "EXUM_BAD_MANIFEST", message: /not JSON/ });
  await writeFile(join(empty, "manifest.json"), JSON.stringify({ schemaVersion: 2 }));
  await t.rejects(readLabManifest(empty), { code: "EXUM_BAD_MANIFEST" });
});
