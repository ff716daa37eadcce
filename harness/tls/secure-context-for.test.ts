import t from "tap";
import { clearSecureContextCache, secureContextCacheSize, secureContextFor } from "./secure-context-for.js";
import { labPki } from "./tls-test-fixtures.test.js";

t.beforeEach(() => clearSecureContextCache());

t.test("built once per identity + CA + versions + ciphers, then reused", async (t) => {
  const { client, server, caPem, otherCaPem } = labPki();
  const first = secureContextFor({ identity: client, caPem: [caPem] });
  t.equal(secureContextFor({ identity: { ...client, label: "another label" }, caPem: [caPem] }), first, "the label does not matter");
  t.equal(secureContextCacheSize(), 1);
  t.not(secureContextFor({ identity: server, caPem: [caPem] }), first, "another identity");
  t.not(secureContextFor({ identity: client, caPem: [otherCaPem] }), first, "another CA list");
  t.not(secureContextFor({ identity: client, caPem: [caPem, otherCaPem] }), first);
  t.not(secureContextFor({ identity: client, caPem: [caPem], minVersion: "TLSv1.3" }), first, "versions");
  t.not(secureContextFor({ identity: client, caPem: [caPem], ciphers: "TLS_AES_128_GCM_SHA256" }), first, "ciphers");
  t.not(secureContextFor({ caPem: [caPem] }), first, "no identity");
  t.equal(secureContextCacheSize(), 7);
});

t.test("the cache is bounded", async (t) => {
  const { caPem } = labPki();
  const ciphers = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"];
  for (let index = 0; index < 70; index += 1) {
    secureContextFor({ caPem: [caPem], ciphers: `${ciphers[index % 3]}:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=${index % 2}:!aNULL${":!eNULL".repeat(index)}` });
  }
  t.equal(secureContextCacheSize(), 64);
});

t.test("bad PEM and settings are input errors with stable codes", async (t) => {
  const { client, server, caPem } = labPki();
  t.throws(() => secureContextFor({ identity: { certPem: "nonsense", keyPem: client.keyPem, label: "--cert a.pem" }, caPem: [] }), {
    code: "EXUM_TLS_BAD_CERTIFICATE",
    message: /--cert a\.pem certificate holds no PEM certificate/,
  });
  const broken = client.certPem.replace(/^(-----BEGIN CERTIFICATE-----\n)MII/, "$1XXX");
  t.throws(() => secureContextFor({ identity: { certPem: broken, keyPem: client.keyPem }, caPem: [] }), { code: "EXUM_TLS_BAD_CERTIFICATE" });
  t.throws(() => secureContextFor({ identity: { certPem: client.certPem, keyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }, caPem: [] }), {
    code: "EXUM_TLS_BAD_KEY",
  });
  t.throws(() => secureContextFor({ identity: { certPem: client.certPem, keyPem: server.keyPem, label: "pool" }, caPem: [] }), {
    code: "EXUM_KEY_MISMATCH",
    message: /pool: the private key does not belong to the certificate/,
  });
  t.throws(() => secureContextFor({ caPem: ["not a CA"] }), { code: "EXUM_TLS_BAD_CERTIFICATE", message: /CA bundle entry 1/ });
  t.throws(() => secureContextFor({ caPem: [caPem], ciphers: "NO-SUCH-CIPHER" }), { code: "EXUM_TLS_BAD_OPTION" });
  t.throws(() => secureContextFor({ caPem: [caPem], minVersion: "TLSv1.3", maxVersion: "TLSv1.2" }), { code: "EXUM_TLS_BAD_OPTION" });
  t.equal(secureContextCacheSize(), 0, "nothing cached for a failure");
});
