import { X509Certificate } from "node:crypto";
import t from "tap";
import { certificateNames } from "./certificate-names.js";
import { parseSubjectAltName, summarizeCertificate } from "./certificate-summary.js";
import { CLIENT_NAME, labPki } from "./tls-test-fixtures.test.js";

t.test("a lab certificate as evidence: one-line names, CN, SAN, ISO dates, fingerprint, serial", async (t) => {
  const { client, caPem } = labPki();
  const summary = summarizeCertificate(client.certPem);
  const x509 = new X509Certificate(client.certPem);
  t.equal(summary.subject, `O=exum lab, CN=${CLIENT_NAME}`);
  t.equal(summary.commonName, CLIENT_NAME);
  t.same(summary.san, [`DNS:${CLIENT_NAME}`]);
  t.equal(summary.issuer, new X509Certificate(caPem).subject.split("\n").join(", "));
  t.match(summary.validFrom, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  t.equal(summary.validTo, new Date(x509.validTo).toISOString());
  t.equal(summary.fingerprint256, x509.fingerprint256);
  t.match(summary.serialNumber, /^[0-9A-F]+$/);
  t.same(JSON.parse(JSON.stringify(summary)), summary, "JSON-serialisable");
  t.same(summarizeCertificate(x509), summary, "from an X509Certificate too");
  t.same(summarizeCertificate(x509.raw), summary, "and from DER");
});

t.test("a certificate summarised again is the same summary, and each caller gets its own copy", async (t) => {
  const { client, server } = labPki();
  const first = summarizeCertificate(client.certPem);
  first.san.push("DNS:added.by.a.caller");
  first.subject = "changed";
  const again = summarizeCertificate(client.certPem);
  t.same(again.san, [`DNS:${CLIENT_NAME}`], "a caller's change to san does not reach the next");
  t.equal(again.subject, `O=exum lab, CN=${CLIENT_NAME}`);
  t.not(summarizeCertificate(server.certPem).fingerprint256, again.fingerprint256, "another certificate, another summary");
  t.throws(() => summarizeCertificate("not a certificate"), "what cannot be read still throws (and is not remembered)");
  t.throws(() => summarizeCertificate("not a certificate"));
});

t.test("subjectAltName text: several types, quoted values with commas, empty", async (t) => {
  t.same(parseSubjectAltName("DNS:a.contoso.com, DNS:*.contoso.com, IP Address:127.0.0.1"), [
    "DNS:a.contoso.com",
    "DNS:*.contoso.com",
    "IP Address:127.0.0.1",
  ]);
  t.same(parseSubjectAltName('DNS:"a, b", URI:sip:pool@contoso.com'), ["DNS:a, b", "URI:sip:pool@contoso.com"]);
  t.same(parseSubjectAltName('DNS:"quote \\" in"'), ['DNS:quote " in']);
  t.same(parseSubjectAltName(undefined), []);
  t.same(parseSubjectAltName(""), []);
});

t.test("certificateNames: CN and DNS SANs, lower-cased, once each; no CN", async (t) => {
  const base = summarizeCertificate(labPki().client.certPem);
  t.same(certificateNames({ ...base, commonName: "Pool01.Lab.Exum.Test", san: ["DNS:pool01.lab.exum.test", "DNS:*.Lab.exum.test", "IP Address:10.0.0.1"] }), [
    "pool01.lab.exum.test",
    "*.lab.exum.test",
  ]);
  t.same(certificateNames({ ...base, commonName: null, san: [] }), []);
});
