import t from "tap";
import { buildOffer } from "./build-offer.js";
import { parseSessionDescription } from "./parse-session-description.js";

const KEYS = ["ld/hOGsi+V+rnpV3Q3/uYnrvzZ1K+mju+acykpZK", "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2"];
const lines = (...text: string[]) => text.map((line) => `${line}\r\n`).join("");
const HEAD = ["v=0", "o=exum 1234 0 IN IP4 127.0.0.10", "s=session", "c=IN IP4 127.0.0.10", "t=0 0"];
const CODECS = ["a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16"];
const CRYPTO = [
  "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:ld/hOGsi+V+rnpV3Q3/uYnrvzZ1K+mju+acykpZK|2^31|1:1",
  "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2|2^31",
];
const TAIL = ["a=ptime:20", "a=sendrecv"];

t.test("golden offers, one per media policy (docs/protocol.md §2)", async (t) => {
  const golden = {
    required: lines(...HEAD, "m=audio 40000 RTP/SAVP 0 101", ...CODECS, ...CRYPTO, ...TAIL),
    optional: lines(...HEAD, "m=audio 40000 RTP/AVP 0 101", ...CODECS, ...CRYPTO, ...TAIL),
    none: lines(...HEAD, "m=audio 40000 RTP/AVP 0 101", ...CODECS, ...TAIL),
  } as const;
  for (const policy of ["required", "optional", "none"] as const) {
    const offer = buildOffer({ policy, address: "127.0.0.10", port: 40000, sessionId: "1234", keys: KEYS });
    t.equal(offer.sdp, golden[policy], policy);
    t.equal(offer.policy, policy);
    t.same(offer.cryptos, parseSessionDescription(offer.sdp).media[0]?.cryptos, `${policy}: cryptos are what the SDP says`);
  }
});

t.test("IPv6 address and user name", async (t) => {
  const offer = buildOffer({ policy: "none", address: "::1", port: 5004, sessionId: "7", userName: "-" });
  t.equal(offer.sdp, lines("v=0", "o=- 7 0 IN IP6 ::1", "s=session", "c=IN IP6 ::1", "t=0 0", "m=audio 5004 RTP/AVP 0 101", ...CODECS, ...TAIL));
  t.same(offer.cryptos, []);
});

t.test("without injected keys and session id, fresh random ones are used", async (t) => {
  const a = buildOffer({ policy: "required", address: "127.0.0.1", port: 40000 });
  const b = buildOffer({ policy: "required", address: "127.0.0.1", port: 40000 });
  for (const offer of [a, b]) {
    t.equal(offer.cryptos.length, 2);
    for (const crypto of offer.cryptos) {
      t.match(crypto.key, /^[A-Za-z0-9+/]{40}$/);
      t.equal(Buffer.from(crypto.key, "base64").length, 30);
    }
    t.match(offer.sdp, /^v=0\r\no=exum \d+ 0 IN IP4 127\.0\.0\.1\r\n/);
  }
  t.not(a.cryptos[0]?.key, b.cryptos[0]?.key);
  t.not(a.cryptos[0]?.key, a.cryptos[1]?.key);
  t.same(buildOffer({ policy: "none", address: "127.0.0.1", port: 40000, keys: ["ignored"] }).cryptos, []);
});

t.test("bad options are input errors naming the field", async (t) => {
  const base = { policy: "required", address: "127.0.0.1", port: 40000 } as const;
  const cases = [
    { options: { ...base, address: "lync.contoso.com" }, code: "EXUM_SDP_BAD_OPTION", field: "address" },
    { options: { ...base, port: 0 }, code: "EXUM_SDP_BAD_OPTION", field: "port" },
    { options: { ...base, port: 65536 }, code: "EXUM_SDP_BAD_OPTION", field: "port" },
    { options: { ...base, port: 5004.5 }, code: "EXUM_SDP_BAD_OPTION", field: "port" },
    { options: { ...base, sessionId: "abc" }, code: "EXUM_SDP_BAD_OPTION", field: "sessionId" },
    { options: { ...base, userName: "two words" }, code: "EXUM_SDP_BAD_OPTION", field: "userName" },
    { options: { ...base, userName: "" }, code: "EXUM_SDP_BAD_OPTION", field: "userName" },
    { options: { ...base, policy: "sometimes" as "none" }, code: "EXUM_SDP_BAD_OPTION", field: "policy" },
    { options: { ...base, keys: [KEYS[0]!] }, code: "EXUM_SDP_BAD_KEY", field: "keys" },
    { options: { ...base, keys: [KEYS[0]!, "short"] }, code: "EXUM_SDP_BAD_KEY", field: "keys[1]" },
    { options: { ...base, keys: ["pnJWsUu1W61JbEXvgBOukCzJ65Y=", KEYS[1]!] }, code: "EXUM_SDP_BAD_KEY", field: "keys[0]" },
  ];
  for (const { options, code, field } of cases) {
    t.throws(() => buildOffer(options), { code, field, kind: "input", hint: /./ }, `${field}: ${JSON.stringify(options)}`);
  }
});
