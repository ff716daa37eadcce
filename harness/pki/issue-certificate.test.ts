import { X509Certificate, createPrivateKey } from "node:crypto";
import t from "tap";
import { createRootCa } from "./create-root-ca.js";
import { issueCertificate } from "./issue-certificate.js";

const ca = createRootCa({ commonName: "exum Test Root CA" });

t.test("the root CA is a self-signed CA", async (t) => {
  const root = new X509Certificate(ca.certPem);
  t.ok(root.ca);
  t.match(root.subject, /CN=exum Test Root CA/);
  t.equal(root.subject, root.issuer);
  t.ok(root.verify(root.publicKey));
  t.equal(ca.caPem, ca.certPem);
  t.equal(ca.chainPem, ca.certPem);
});

t.test("a default certificate: FQDN in CN and SAN, server+client auth, RSA 2048, SHA-256, chained to the CA", async (t) => {
  const issued = issueCertificate(ca, { commonName: "cas01.tukwila.contoso.com", dnsNames: ["cas01.tukwila.contoso.com"] });
  const cert = new X509Certificate(issued.certPem);
  t.match(cert.subject, /CN=cas01.tukwila.contoso.com/);
  t.equal(cert.subjectAltName, "DNS:cas01.tukwila.contoso.com");
  t.same(cert.keyUsage?.sort(), ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
  t.notOk(cert.ca);
  t.ok(cert.verify(new X509Certificate(ca.certPem).publicKey), "signed by the CA");
  t.ok(cert.checkIssued(new X509Certificate(ca.certPem)));
  t.ok(cert.checkPrivateKey(createPrivateKey(issued.keyPem)), "key matches");
  t.equal(issued.caPem, ca.certPem);
  t.equal(issued.chainPem, issued.certPem + ca.certPem);
  t.equal(createPrivateKey(issued.keyPem).asymmetricKeyDetails?.modulusLength, 2048);
});

t.test("profile options: wildcard CN, no CN, sha1, 1024 bits, validity, EKU, self-signed, other issuer", async (t) => {
  const wildcard = new X509Certificate(issueCertificate(ca, { commonName: "*.contoso.com", dnsNames: ["*.contoso.com"] }).certPem);
  t.match(wildcard.subject, /CN=\*\.contoso\.com/);

  const noCn = new X509Certificate(issueCertificate(ca, { dnsNames: ["a.contoso.com"] }).certPem);
  t.notOk(noCn.subject, "empty Subject Name");
  t.equal(noCn.subjectAltName, "DNS:a.contoso.com");

  const now = new Date("2025-01-01T00:00:00Z");
  const expired = new X509Certificate(
    issueCertificate(ca, { commonName: "x", validity: { notBeforeDays: -10, notAfterDays: -1 }, now }).certPem,
  );
  t.equal(new Date(expired.validTo).toISOString(), "2024-12-31T00:00:00.000Z");

  const weak = issueCertificate(ca, { commonName: "weak", keyBits: 1024, hash: "sha1", extKeyUsage: ["serverAuth"] });
  t.equal(createPrivateKey(weak.keyPem).asymmetricKeyDetails?.modulusLength, 1024);
  t.same(new X509Certificate(weak.certPem).keyUsage, ["1.3.6.1.5.5.7.3.1"]);

  const self = issueCertificate(ca, { commonName: "self", selfSigned: true });
  const selfCert = new X509Certificate(self.certPem);
  t.equal(selfCert.issuer, selfCert.subject);
  t.ok(selfCert.verify(selfCert.publicKey));
  t.equal(self.caPem, self.certPem);

  const other = createRootCa({ commonName: "Other CA" });
  const foreign = issueCertificate(ca, { commonName: "foreign", issuer: other });
  t.ok(new X509Certificate(foreign.certPem).verify(new X509Certificate(other.certPem).publicKey));
  t.equal(foreign.caPem, other.certPem);
});
