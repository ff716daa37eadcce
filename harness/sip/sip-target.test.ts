import t from "tap";
import { parseSipTarget } from "./sip-target.js";

t.test("targets as users write them", async (t) => {
  const cases: Array<[string, Partial<ReturnType<typeof parseSipTarget>>]> = [
    ["cas01.contoso.com", { uri: "sip:cas01.contoso.com:5061;transport=tls", host: "cas01.contoso.com", port: 5061, transport: "tls", user: null }],
    ["CAS01.Contoso.com:5063", { host: "cas01.contoso.com", port: 5063, transport: "tls" }],
    ["sip:alice@contoso.com", { user: "alice", host: "contoso.com", port: 5061, transport: "tls" }],
    ["sip:cas01.contoso.com;transport=tcp", { port: 5060, transport: "tcp", uri: "sip:cas01.contoso.com:5060;transport=tcp" }],
    ["sip:x@127.0.0.1:5065;transport=TLS", { host: "127.0.0.1", port: 5065, transport: "tls" }],
    ["sips:alice@contoso.com", { scheme: "sips", transport: "tls", port: 5061, uri: "sips:alice@contoso.com:5061" }],
    ["[::1]:5071", { host: "::1", port: 5071, uri: "sip:[::1]:5071;transport=tls" }],
    [
      "sip:alice@contoso.com;opaque=app:voicemail;maddr=127.0.0.5",
      { params: { opaque: "app:voicemail", maddr: "127.0.0.5" }, uri: "sip:alice@contoso.com:5061;transport=tls;opaque=app:voicemail;maddr=127.0.0.5" },
    ],
    ["sip:sipdp.contoso.com@contoso.com;lr", { user: "sipdp.contoso.com", params: { lr: null } }],
  ];
  for (const [text, expected] of cases) t.match(parseSipTarget(text), expected, text);
});

t.test("bad targets are input errors naming the field", async (t) => {
  const bad = [
    "",
    "http://cas01",
    "sip:alice@contoso.com;transport=udp",
    "sips:a@b;transport=ws",
    "cas01:99999",
    "cas01:abc",
    "::1:5061",
    "[zz]:5061",
    "sip:@contoso.com",
    "sip:@@host;;",
    "sip:a@b@contoso.com",
    "sip:alice@contoso.com;;transport=tls",
    "sip:alice@contoso.com;",
    "sip:a@contoso.com?subject=x",
    "bad host!",
  ];
  for (const text of bad) {
    t.throws(() => parseSipTarget(text, "steps[0].options"), { code: "EXUM_BAD_TARGET", field: "steps[0].options" }, JSON.stringify(text));
  }
});
