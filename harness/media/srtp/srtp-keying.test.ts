import t from "tap";
import { srtpKeyingFromInline } from "./srtp-keying.js";

// RFC 3711 §B.3's master key and salt, as an a=crypto inline: value.
const KEY = Buffer.from("E1F97A0D3E018BE0D64FA32C06DE41390EC675AD498AFEEBB6960B3AABE6", "hex").toString("base64");

t.test("an inline: key splits into the 16-byte master key and the 14-byte master salt", async (t) => {
  t.equal(KEY.length, 40);
  const keying = srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, { value: 1, length: 1 });
  t.equal(keying.suite, "AES_CM_128_HMAC_SHA1_80");
  t.equal(keying.masterKey.toString("hex").toUpperCase(), "E1F97A0D3E018BE0D64FA32C06DE4139");
  t.equal(keying.masterSalt.toString("hex").toUpperCase(), "0EC675AD498AFEEBB6960B3AABE6");
  t.same(keying.mki, { value: 1, length: 1 });
  t.equal(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_32", KEY, null).mki, null);
});

t.test("input that would give wrong keys throws a plain Error that says what is wrong", async (t) => {
  const cases = [
    { name: "unsupported suite", suite: "AES_256_CM_HMAC_SHA1_80", key: KEY, mki: null, error: /"AES_256_CM_HMAC_SHA1_80" is not supported; use AES_CM_128_HMAC_SHA1_80 or AES_CM_128_HMAC_SHA1_32/ },
    { name: "20-byte key", suite: "AES_CM_128_HMAC_SHA1_80", key: "pnJWsUu1W61JbEXvgBOukCzJ65Y=", mki: null, error: /decodes to 20 bytes; AES_CM_128_HMAC_SHA1_80 needs 30/ },
    { name: "empty key", suite: "AES_CM_128_HMAC_SHA1_32", key: "", mki: null, error: /decodes to 0 bytes/ },
    { name: "MKI length 0", suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, mki: { value: 1, length: 0 }, error: /MKI 1:0 is not/ },
    { name: "MKI length 129", suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, mki: { value: 1, length: 129 }, error: /length of 1 to 128 bytes/ },
    { name: "negative MKI", suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, mki: { value: -1, length: 1 }, error: /MKI -1:1 is not/ },
    { name: "MKI value too big", suite: "AES_CM_128_HMAC_SHA1_80", key: KEY, mki: { value: 256, length: 1 }, error: /MKI value 256 does not fit in 1 bytes/ },
  ];
  for (const { name, suite, key, mki, error } of cases) {
    t.throws(() => srtpKeyingFromInline(suite, key, mki), { constructor: Error, message: error }, name);
  }
});
