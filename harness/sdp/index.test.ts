import t from "tap";
import * as sdp from "./index.js";

t.test("the contract names other layers import are exported", async (t) => {
  const names = [
    "MEDIA_POLICIES",
    "policyForEncryptionLevel",
    "policyForSrtpMode",
    "workerPolicyForVoipSecurity",
    "parseEncryptionLevel",
    "parseSrtpMode",
    "parseVoipSecurity",
    "parseMediaPolicy",
    "buildOffer",
    "parseSessionDescription",
    "isSrtpProtocol",
    "answerOffer",
    "NOT_ACCEPTABLE_REASONS",
    "classifyMedia",
    "exchangeSecurityMode",
    "srtpPacketOverhead",
    "parseCryptoAttribute",
    "createCryptoAttribute",
    "formatCryptoAttribute",
    "MICROSOFT_SRTP_SUITE",
    "SRTP_SUITES",
    "srtpSuiteInfo",
  ];
  for (const name of names) t.ok(name in sdp, name);
  t.equal(sdp.MICROSOFT_SRTP_SUITE, "AES_CM_128_HMAC_SHA1_80");
  t.same(Object.keys(sdp.NOT_ACCEPTABLE_REASONS), [
    "srtp-required-by-offer-not-supported",
    "srtp-required-by-answerer-not-offered",
    "no-common-suite",
    "no-audio",
    "no-common-codec",
  ]);
});
