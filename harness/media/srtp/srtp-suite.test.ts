import t from "tap";
import { isSupportedSrtpSuite, srtpTagLength } from "./srtp-suite.js";

t.test("tag lengths: _80 is 10 bytes, _32 is 4 for RTP, and SRTCP keeps 10 for both (RFC 3711 §5.2)", async (t) => {
  t.equal(srtpTagLength("AES_CM_128_HMAC_SHA1_80", "rtp"), 10);
  t.equal(srtpTagLength("AES_CM_128_HMAC_SHA1_80", "rtcp"), 10);
  t.equal(srtpTagLength("AES_CM_128_HMAC_SHA1_32", "rtp"), 4);
  t.equal(srtpTagLength("AES_CM_128_HMAC_SHA1_32", "rtcp"), 10);
});

t.test("only the two AES-CM-128 suites are supported", async (t) => {
  const table = [
    ["AES_CM_128_HMAC_SHA1_80", true],
    ["AES_CM_128_HMAC_SHA1_32", true],
    ["AES_256_CM_HMAC_SHA1_80", false],
    ["AEAD_AES_128_GCM", false],
    ["aes_cm_128_hmac_sha1_80", false],
    ["toString", false],
    ["", false],
  ] as const;
  for (const [name, supported] of table) t.equal(isSupportedSrtpSuite(name), supported, JSON.stringify(name));
});
