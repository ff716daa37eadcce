import { createPrivateKey } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { loadCaFiles, readCertificateFile } from "./certificate-file.js";
import { createRootCa } from "./create-root-ca.js";
import { issueCertificate } from "./issue-certificate.js";
import { loadIdentity } from "./load-identity.js";
import { pemToDer } from "./pem.js";
import { toPfx } from "./pfx.js";

const root = createRootCa({ commonName: "exum Identity Root CA" });
const pool = issueCertificate(root, { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"] });
const other = issueCertificate(root, { commonName: "gw01.contoso.com", dnsNames: ["gw01.contoso.com"] });

const dir = await mkdtemp(join(tmpdir(), "exum-identity-"));
t.teardown(() => rm(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
await writeFile(file("pool.crt"), pool.certPem);
await writeFile(file("pool.chain.pem"), pool.chainPem);
await writeFile(file("pool.key"), pool.keyPem);
await writeFile(file("pool.both.pem"), pool.chainPem + pool.keyPem);
await writeFile(file("gw.key"), other.keyPem);
await writeFile(file("pool.pfx"), toPfx(pool, "s3cret"));
await writeFile(file("pool.p12"), toPfx(pool, ""));
await writeFile(file("pool.der.cer"), pemToDer(pool.certPem));
await writeFile(file("root.crt"), root.certPem);
await writeFile(file("notes.txt"), "this is not a certificate\n");
await writeFile(file("garbage.pfx"), Buffer.from([0x30, 0x03, 0x02, 0x01, 0x03]));
const encrypted = createPrivateKey(pool.keyPem).export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "k3y" }).toString();
await writeFile(file("pool.enc.key"), encrypted);

t.test("cert + key, chain, CA files", async (t) => {
  const identity = await loadIdentity({ certFile: file("pool.chain.pem"), keyFile: file("pool.key"), caFiles: [file("root.crt")] });
  t.equal(identity.subject, "CN=pool01.contoso.com, O=exum lab");
  t.equal(identity.commonName, "pool01.contoso.com");
  t.same(identity.san, ["pool01.contoso.com"]);
  t.equal(identity.certPem, pool.certPem, "the self-signed root is not sent as part of our chain");
  t.same(identity.caPem, [root.certPem]);
  t.match(identity.fingerprint256, /^([0-9A-F]{2}:){31}/);
  t.match(identity.keyPem, /^-----BEGIN PRIVATE KEY-----/);
});

t.test("key in the certificate file; PFX with and without passphrase; encrypted key", async (t) => {
  t.equal((await loadIdentity({ certFile: file("pool.both.pem") })).commonName, "pool01.contoso.com");
  const pfx = await loadIdentity({ pfxFile: file("pool.pfx"), passphrase: "s3cret" });
  t.equal(pfx.commonName, "pool01.contoso.com");
  t.equal(pfx.certPem, pool.certPem);
  t.ok(createPrivateKey(pfx.keyPem));
  t.equal((await loadIdentity({ pfxFile: file("pool.p12") })).commonName, "pool01.contoso.com", "empty passphrase");
  t.equal((await loadIdentity({ certFile: file("pool.crt"), keyFile: file("pool.enc.key"), passphrase: "k3y" })).commonName, "pool01.contoso.com");
});

t.test("bad input is an input error (exit 2) with a stable code that names the file", async (t) => {
  const table: [string, Parameters<typeof loadIdentity>[0], string, RegExp][] = [
    ["nothing", {}, "EXUM_IDENTITY_INCOMPLETE", /no identity/],
    ["missing file", { certFile: file("nope.crt"), keyFile: file("pool.key") }, "EXUM_FILE_NOT_FOUND", /nope\.crt does not exist/],
    ["not a certificate", { certFile: file("notes.txt"), keyFile: file("pool.key") }, "EXUM_NOT_A_CERTIFICATE", /notes\.txt is not a certificate/],
    ["key as certificate", { certFile: file("pool.key"), keyFile: file("pool.key") }, "EXUM_NOT_A_CERTIFICATE", /holds no certificate \(it has: PRIVATE KEY\)/],
    ["no key", { certFile: file("pool.crt") }, "EXUM_IDENTITY_INCOMPLETE", /no private key, and no --key/],
    ["certificate as key", { certFile: file("pool.crt"), keyFile: file("pool.crt") }, "EXUM_NOT_A_KEY", /pool\.crt holds no private key/],
    ["key of another", { certFile: file("pool.crt"), keyFile: file("gw.key") }, "EXUM_KEY_MISMATCH", /gw\.key does not belong/],
    ["wrong PFX passphrase", { pfxFile: file("pool.pfx"), passphrase: "wrong" }, "EXUM_PFX_PASSPHRASE", /passphrase does not open the PFX .*pool\.pfx/],
    ["PFX without passphrase", { pfxFile: file("pool.pfx") }, "EXUM_PFX_PASSPHRASE", /protected by a passphrase, and none was given/],
    ["broken PFX", { pfxFile: file("garbage.pfx") }, "EXUM_PFX_UNREADABLE", /garbage\.pfx is not a PFX/],
    ["encrypted key, no passphrase", { certFile: file("pool.crt"), keyFile: file("pool.enc.key") }, "EXUM_KEY_PASSPHRASE", /encrypted and no passphrase/],
    ["encrypted key, wrong passphrase", { certFile: file("pool.crt"), keyFile: file("pool.enc.key"), passphrase: "no" }, "EXUM_KEY_PASSPHRASE", /does not open the key/],
  ];
  for (const [name, files, code, message] of table) {
    const error = await loadIdentity(files).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    t.match(error, { code, message, exitCode: ExitCode.BadInput }, name);
    t.ok((error as { hint?: string }).hint, `${name}: says what to do`);
  }
});

t.test("certificate files by content: PEM, DER, PFX; CA bundles", async (t) => {
  t.equal((await readCertificateFile(file("pool.der.cer"))).format, "der");
  t.equal((await readCertificateFile(file("pool.der.cer"))).certificatePems[0], pool.certPem);
  const pfx = await readCertificateFile(file("pool.pfx"), { passphrase: "s3cret" });
  t.equal(pfx.format, "pfx");
  t.same(pfx.certificatePems, [pool.certPem, root.certPem], "leaf first, then the chain");
  t.ok(pfx.keyPem);
  const chain = await readCertificateFile(file("pool.chain.pem"));
  t.equal(chain.certificatePems.length, 2);
  t.equal(chain.keyPem, undefined);
  t.same(await loadCaFiles([file("root.crt"), file("pool.der.cer")]), [root.certPem, pool.certPem]);
  await t.rejects(loadCaFiles([file("notes.txt")]), { code: "EXUM_NOT_A_CERTIFICATE", field: "--ca" });
});
