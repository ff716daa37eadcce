import t from "tap";
import { baresipConfig, type BaresipConfigOptions } from "./baresip-config.js";
import { PeerErrorCode } from "./peer-error-code.js";

const base: BaresipConfigOptions = {
  dir: "/tmp/exum-b",
  sipPort: 5062,
  certPem: "CERT\n",
  keyPem: "KEY\n",
  caPem: "CA",
  mediaenc: "srtp-mand",
  rtpPorts: { first: 16000, last: 16100 },
};

t.test("the docs/peers.md config: loopback only, headless audio, TLS certificate with its key", async (t) => {
  const { files } = baresipConfig(base);
  const config = files["config"] ?? "";
  for (const line of [
    "sip_listen 127.0.0.1:5062",
    "sip_certificate /tmp/exum-b/server.pem",
    "sip_cafile /tmp/exum-b/ca.crt",
    "audio_source ausine,440",
    "ausrc_srate 48000",
    "ausrc_channels 2",
    "audio_player alsa,null",
    "net_interface 127.0.0.1",
    "rtp_ports 16000-16100",
    "dns_server 127.0.0.1:53",
    "module srtp.so",
    "module_app account.so",
    "module_app menu.so",
  ]) {
    t.match(config, new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"), line);
  }
  t.equal(files["server.pem"], "CERT\nKEY\n");
  t.equal(files["accounts"], "<sip:um@127.0.0.1;transport=tls>;regint=0;answermode=auto;mediaenc=srtp-mand;audio_codecs=PCMU\n");
});

t.test("mediaenc srtp, none, and another user", async (t) => {
  t.match(baresipConfig({ ...base, mediaenc: "srtp" }).files["accounts"], ";mediaenc=srtp;");
  t.equal(
    baresipConfig({ ...base, mediaenc: null, user: "exchange" }).files["accounts"],
    "<sip:exchange@127.0.0.1;transport=tls>;regint=0;answermode=auto;audio_codecs=PCMU\n",
  );
});

t.test("dns_server: a loopback resolver such as the lab DNS", async (t) => {
  t.match(baresipConfig({ ...base, dnsServer: "127.42.7.1:53053" }).files["config"], /^dns_server 127\.42\.7\.1:53053$/m);
});

t.test("bad options are refused with the field", async (t) => {
  const cases: [string, Partial<BaresipConfigOptions>][] = [
    ["sipPort", { sipPort: 65535 }],
    ["rtpPorts", { rtpPorts: { first: 17000, last: 16000 } }],
    ["user", { user: "a b" }],
    ["dir", { dir: "/tmp/a b" }],
    ["dnsServer", { dnsServer: "8.8.8.8:53" }],
    ["dnsServer", { dnsServer: "127.0.0.1" }],
  ];
  for (const [field, patch] of cases) {
    t.throws(() => baresipConfig({ ...base, ...patch }), { code: PeerErrorCode.BadOption, field }, field);
  }
});
