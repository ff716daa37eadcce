import t from "tap";
import { srtpPacketOverhead } from "./srtp-packet-overhead.js";
import { srtpSuiteInfo } from "./srtp-suites.js";

t.test("SRTP bytes beyond the RTP packet: the authentication tag, plus the MKI when one was negotiated", async (t) => {
  const table = [
    ["AES_CM_128_HMAC_SHA1_80", 0, 10],
    ["AES_CM_128_HMAC_SHA1_32", 0, 4],
    ["AES_CM_128_HMAC_SHA1_80", 1, 11],
    ["AES_256_CM_HMAC_SHA1_80", 0, 10],
    ["AEAD_AES_128_GCM", 0, 16],
    ["NO_SUCH_SUITE", 0, null],
    ["toString", 0, null],
  ] as const;
  for (const [suite, mki, expected] of table) t.equal(srtpPacketOverhead(suite, mki), expected, `${suite} mki ${mki}`);
  t.equal(srtpPacketOverhead("AES_CM_128_HMAC_SHA1_80"), 10, "no MKI by default");
  t.equal(srtpSuiteInfo("constructor"), undefined, "only own entries count");
});
