import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { createRootCa } from "./create-root-ca.js";
import { issueCertificate } from "./issue-certificate.js";
import { summarizeCertificate } from "./summarize-certificate.js";

const now = new Date("2026-03-01T00:00:00Z");
const root = createRootCa({ commonName: "exum Summary Root CA", now });

t.test("a lab certificate's summary", async (t) => {
  const issued = issueCertificate(root, {
    commonName: "mbx01.tukwila.contoso.com",
    dnsNames: ["mbx01.tukwila.contoso.com", "*.dublin.contoso.com"],
    now,
  });
  const summary = summarizeCertificate(issued.certPem);
  t.match(summary, {
    subject: "CN=mbx01.tukwila.contoso.com, O=exum lab",
    commonName: "mbx01.tukwila.contoso.com",
    san: ["mbx01.tukwila.contoso.com", "*.dublin.contoso.com"],
    issuer: "CN=exum Summary Root CA, O=exum lab",
    issuerCommonName: "exum Summary Root CA",
    validFrom: "2026-02-28T00:00:00.000Z",
    validTo: "2028-06-03T00:00:00.000Z",
    keyType: "rsa",
    keyBits: 2048,
    signatureAlgorithm: "sha256WithRSAEncryption",
    selfSigned: false,
    isCa: false,
    keyUsage: ["digitalSignature", "keyEncipherment"],
    extKeyUsage: ["serverAuth", "clientAuth"],
  });
  t.match(summary.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  t.match(summary.thumbprint, /^[0-9A-F]{40}$/);
  t.same(JSON.parse(JSON.stringify(summary)), summary, "JSON-ready");
});

t.test("root, self-signed leaf, empty subject, SHA-1", async (t) => {
  const rootSummary = summarizeCertificate(root.certPem);
  t.equal(rootSummary.selfSigned, true);
  t.equal(rootSummary.isCa, true);
  t.same(rootSummary.keyUsage, ["digitalSignature", "keyCertSign", "cRLSign"]);
  t.equal(rootSummary.extKeyUsage, undefined, "no EKU extension");
  t.equal(summarizeCertificate(issueCertificate(root, { commonName: "self.contoso.com", selfSigned: true }).certPem).selfSigned, true);
  const empty = summarizeCertificate(issueCertificate(root, { dnsNames: ["a.contoso.com"] }).certPem);
  t.equal(empty.subject, "");
  t.equal(empty.commonName, undefined);
  t.equal(summarizeCertificate(issueCertificate(root, { commonName: "x.contoso.com", hash: "sha1" }).certPem).signatureAlgorithm, "sha1WithRSAEncryption");
});

t.test("an EC certificate made by openssl (real servers use them; forge cannot parse them)", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "exum-ec-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync("/usr/bin/openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", join(dir, "ec.key"), "-out", join(dir, "ec.crt"), "-days", "30",
    "-subj", "/CN=ec.contoso.com", "-addext", "subjectAltName=DNS:ec.contoso.com,IP:127.0.0.1",
  ], { stdio: "ignore" });
  const summary = summarizeCertificate(readFileSync(join(dir, "ec.crt"), "utf8"));
  t.match(summary, { keyType: "ec", keyBits: 256, curve: "prime256v1", signatureAlgorithm: "ecdsa-with-SHA256", san: ["ec.contoso.com"], sanIps: ["127.0.0.1"] });
});

t.test("not a certificate", async (t) => {
  t.throws(() => summarizeCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), { code: "EXUM_NOT_A_CERTIFICATE" });
  t.throws(() => summarizeCertificate(root.keyPem), { code: "EXUM_NOT_A_CERTIFICATE" });
});
