import t from "tap";
import { PeerErrorCode } from "./peer-error-code.js";
import { DEFAULT_INVITE_REDIRECT, kamailioConfig, type KamailioConfigOptions } from "./kamailio-config.js";

const MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules";
const base: KamailioConfigOptions = {
  dir: "/tmp/exum-k",
  tlsPort: 5061,
  certPem: "CERT",
  keyPem: "KEY",
  caPem: "CA",
  requireClientCert: true,
  verifyClientCert: true,
};

t.test("the docs/peers.md config: TLS only, X-Peer headers on OPTIONS, 302 on INVITE", async (t) => {
  const { files, env } = kamailioConfig(base, MODULES);
  const cfg = files["kamailio.cfg"] ?? "";
  t.match(cfg, /^#!KAMAILIO\n/);
  t.match(cfg, "listen=tls:127.0.0.1:5061\n");
  t.notMatch(cfg, "listen=tcp:");
  t.match(cfg, `mpath="${MODULES}/"`);
  t.match(cfg, 'modparam("tls", "config", "/tmp/exum-k/tls.cfg")');
  t.match(cfg, 'if ($pr != "tls") { sl_send_reply("403", "TLS required"); exit; }');
  t.match(cfg, 'append_to_reply("X-Peer-TLS: $tls_version; $tls_cipher_info\\r\\n");');
  t.match(cfg, 'append_to_reply("X-Peer-CN: $tls_peer_subject_cn; verified=$tls_peer_verified\\r\\n");');
  t.match(cfg, `append_to_reply("Contact: <${DEFAULT_INVITE_REDIRECT}>\\r\\n");`);
  t.equal(
    files["tls.cfg"],
    "[server:default]\nmethod = TLSv1.2+\nverify_certificate = yes\nrequire_certificate = yes\n" +
      "private_key = /tmp/exum-k/server.key\ncertificate = /tmp/exum-k/server.crt\nca_list = /tmp/exum-k/ca.crt\n",
  );
  t.same([files["server.crt"], files["server.key"], files["ca.crt"]], ["CERT", "KEY", "CA"]);
  t.same(env, {});
});

t.test("TCP listener, answered or refused; redirect target; client certificate optional", async (t) => {
  const refused = kamailioConfig({ ...base, tcpPort: 5060 }, MODULES).files["kamailio.cfg"] ?? "";
  t.match(refused, "listen=tcp:127.0.0.1:5060\n");
  t.match(refused, 'if ($pr != "tls") {');
  const { files } = kamailioConfig(
    { ...base, tcpPort: 5060, acceptTcp: true, inviteRedirectTo: "sip:um@127.0.0.1:5065;transport=tls", requireClientCert: false, verifyClientCert: false },
    MODULES,
  );
  t.match(files["kamailio.cfg"], 'if ($pr != "tls" && $pr != "tcp") {');
  t.match(files["kamailio.cfg"], 'append_to_reply("Contact: <sip:um@127.0.0.1:5065;transport=tls>\\r\\n");');
  t.match(files["tls.cfg"], "verify_certificate = no\nrequire_certificate = no\n");
});

t.test("TLS versions: 1.2 exactly, and 1.3 through OPENSSL_CONF (Kamailio 5.6 has no TLSv1.3 method)", async (t) => {
  t.match(kamailioConfig({ ...base, tlsMethod: "TLSv1.2" }, MODULES).files["tls.cfg"], "method = TLSv1.2\n");
  const tls13 = kamailioConfig({ ...base, tlsMethod: "TLSv1.3" }, MODULES);
  t.match(tls13.files["tls.cfg"], "method = SSLv23\n");
  t.match(tls13.files["openssl.cnf"], /MinProtocol = TLSv1\.3/);
  t.same(tls13.env, { OPENSSL_CONF: "/tmp/exum-k/openssl.cnf" });
});

t.test("options that cannot work are refused with a code, the field and a hint", async (t) => {
  const cases: [string, Partial<KamailioConfigOptions>][] = [
    ["tlsPort", { tlsPort: 0 }],
    ["tcpPort", { tcpPort: 70000 }],
    ["requireClientCert", { requireClientCert: true, verifyClientCert: false }],
    ["inviteRedirectTo", { inviteRedirectTo: "sip:a>\r\nX-Evil: 1" }],
    ["dir", { dir: "/tmp/with space" }],
  ];
  for (const [field, patch] of cases) {
    t.throws(() => kamailioConfig({ ...base, ...patch }, MODULES), { code: PeerErrorCode.BadOption, field }, field);
  }
});
