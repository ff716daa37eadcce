import t from "tap";
import { createCryptoAttribute, formatCryptoAttribute, parseCryptoAttribute } from "./crypto-attribute.js";

const KEY = "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2";

t.test("well-formed a=crypto values, as Lync and others write them", async (t) => {
  const cases = [
    {
      name: "Lync line with MKI 1:1",
      value: `2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1`,
      crypto: { tag: 2, suite: "AES_CM_128_HMAC_SHA1_80", keyParams: `inline:${KEY}|2^31|1:1`, key: KEY, lifetime: "2^31", mki: { value: 1, length: 1 }, sessionParams: [] },
    },
    {
      name: "Lync line without MKI",
      value: `3 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`,
      crypto: { tag: 3, suite: "AES_CM_128_HMAC_SHA1_80", keyParams: `inline:${KEY}|2^31`, key: KEY, lifetime: "2^31", mki: null, sessionParams: [] },
    },
    {
      name: "key only",
      value: `1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`,
      crypto: { tag: 1, suite: "AES_CM_128_HMAC_SHA1_32", keyParams: `inline:${KEY}`, key: KEY, lifetime: null, mki: null, sessionParams: [] },
    },
    {
      name: "MKI without lifetime, decimal MKI value, every session parameter kept",
      value: `9 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|1066:4 KDR=1 UNENCRYPTED_SRTCP`,
      crypto: { tag: 9, suite: "AES_CM_128_HMAC_SHA1_80", keyParams: `inline:${KEY}|1066:4`, key: KEY, lifetime: null, mki: { value: 1066, length: 4 }, sessionParams: ["KDR=1", "UNENCRYPTED_SRTCP"] },
    },
    {
      name: "decimal lifetime, tabs between fields (RFC 4568 1*WSP)",
      value: `123456789\tAES_CM_128_HMAC_SHA1_80\tinline:${KEY}|1048576`,
      crypto: { tag: 123456789, suite: "AES_CM_128_HMAC_SHA1_80", keyParams: `inline:${KEY}|1048576`, key: KEY, lifetime: "1048576", mki: null, sessionParams: [] },
    },
    {
      name: "unknown suite: key length not checked",
      value: "1 FUTURE_SUITE inline:QUJD",
      crypto: { tag: 1, suite: "FUTURE_SUITE", keyParams: "inline:QUJD", key: "QUJD", lifetime: null, mki: null, sessionParams: [] },
    },
    {
      name: "two key-params: the first is decoded, the text kept",
      value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^20|1:4;inline:${KEY}|2^20|2:4`,
      crypto: { tag: 1, suite: "AES_CM_128_HMAC_SHA1_80", keyParams: `inline:${KEY}|2^20|1:4;inline:${KEY}|2^20|2:4`, key: KEY, lifetime: "2^20", mki: { value: 1, length: 4 }, sessionParams: [] },
    },
  ];
  for (const { name, value, crypto } of cases) t.same(parseCryptoAttribute(value), { ok: true, crypto }, name);
});

t.test("malformed a=crypto values say what is wrong and never throw", async (t) => {
  const cases = [
    { value: "", problem: /tag "" is not 1 to 9 digits/ },
    { value: `two AES_CM_128_HMAC_SHA1_80 inline:${KEY}`, problem: /tag "two"/ },
    { value: `1234567890 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`, problem: /tag/ },
    { value: "1", problem: /crypto-suite is missing/ },
    { value: "1 AES-CM inline:QUJD", problem: /crypto-suite is missing/ },
    { value: "1 AES_CM_128_HMAC_SHA1_80", problem: /key-params are missing/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 mikey:${KEY}`, problem: /do not start with inline:/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 ${KEY}`, problem: /do not start with inline:/ },
    { value: "1 AES_CM_128_HMAC_SHA1_80 inline:not*base64!", problem: /not base64/ },
    { value: "1 AES_CM_128_HMAC_SHA1_80 inline:pnJWsUu1W61JbEXvgBOukCzJ65Y=|2^31", problem: /20 bytes; AES_CM_128_HMAC_SHA1_80 needs 30/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1|extra`, problem: /more than key\|lifetime\|mki/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^x`, problem: /lifetime "2\^x"/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:0`, problem: /MKI "1:0"/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:129`, problem: /MKI "1:129"/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1234`, problem: /MKI/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|99999999999999999999:8`, problem: /MKI/ },
    { value: `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|a:1`, problem: /MKI/ },
  ];
  for (const { value, problem } of cases) {
    const result = parseCryptoAttribute(value);
    t.equal(result.ok, false, value);
    if (!result.ok) t.match(result.problem, problem, value);
  }
});

t.test("createCryptoAttribute writes what parseCryptoAttribute reads back", async (t) => {
  const cases = [
    createCryptoAttribute({ tag: 1, suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, lifetime: "2^31", mki: { value: 1, length: 1 } }),
    createCryptoAttribute({ tag: 2, suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, lifetime: "2^31" }),
    createCryptoAttribute({ tag: 3, suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, sessionParams: ["UNENCRYPTED_SRTCP"] }),
  ];
  t.equal(formatCryptoAttribute(cases[0]!), `1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1`);
  t.equal(formatCryptoAttribute(cases[1]!), `2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`);
  t.equal(formatCryptoAttribute(cases[2]!), `3 AES_CM_128_HMAC_SHA1_80 inline:${KEY} UNENCRYPTED_SRTCP`);
  for (const crypto of cases) t.same(parseCryptoAttribute(formatCryptoAttribute(crypto)), { ok: true, crypto });
});
