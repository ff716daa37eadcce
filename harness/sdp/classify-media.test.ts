import t from "tap";
import { answerOffer } from "./answer-offer.js";
import { buildOffer } from "./build-offer.js";
import { classifyMedia } from "./classify-media.js";
import { policyForEncryptionLevel } from "./encryption-level.js";
import { ENCRYPTION_LEVELS, type EncryptionLevel } from "../model/encryption-level.js";
import { FAILURES, failureCodesOf } from "../model/failure-code.js";
import type { MediaPolicy } from "./media-policy.js";
import { parseSessionDescription } from "./parse-session-description.js";
import { workerPolicyForVoipSecurity } from "./voip-security.js";
import { VOIP_SECURITY_VALUES } from "../model/voip-security.js";

const OFFER_KEYS = ["ld/hOGsi+V+rnpV3Q3/uYnrvzZ1K+mju+acykpZK", "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2"];
const KEY = "OZSwtm5pSROsw+A6m2Lmt/m8niX4U+6em39KYEPn";
const offerFor = (policy: MediaPolicy) =>
  parseSessionDescription(buildOffer({ policy, address: "127.0.0.10", port: 40000, sessionId: "1", keys: OFFER_KEYS }).sdp);

/** An answer SDP as a peer might write it: one audio m= line, the given profile, port and a=crypto lines. */
function answer(protocol: string, options: { port?: number; cryptos?: string[]; extra?: string[] } = {}) {
  const text = [
    "v=0",
    "o=- 0 0 IN IP4 127.0.0.20",
    "s=session",
    "c=IN IP4 127.0.0.20",
    "t=0 0",
    `m=audio ${options.port ?? 50000} ${protocol} 0 101`,
    "a=rtpmap:0 PCMU/8000",
    "a=rtpmap:101 telephone-event/8000",
    ...(options.cryptos ?? []).map((c) => `a=crypto:${c}`),
    ...(options.extra ?? []),
    "",
  ].join("\r\n");
  return parseSessionDescription(text);
}

const SAVP_CRYPTO = answer("RTP/SAVP", { cryptos: [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1`] });
const SAVP_TAG_2 = answer("RTP/SAVP", { cryptos: [`2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`] });
const AVP = answer("RTP/AVP");
const AVP_PORT_0 = answer("RTP/AVP", { port: 0 });
const WRONG_TAG = answer("RTP/SAVP", { cryptos: [`5 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31`] });

type Variant = { answer: ReturnType<typeof answer> | null; status: number };
const VARIANTS: Record<string, Variant> = {
  "200 RTP/SAVP + one a=crypto": { answer: SAVP_CRYPTO, status: 200 },
  "200 RTP/AVP without a=crypto": { answer: AVP, status: 200 },
  "200 RTP/AVP port 0": { answer: AVP_PORT_0, status: 200 },
  "488": { answer: null, status: 488 },
  "606": { answer: null, status: 606 },
  "200 without SDP": { answer: null, status: 200 },
  "200 RTP/SAVP with a tag we did not offer": { answer: WRONG_TAG, status: 200 },
};

// Expected: "srtp", "rtp", or a failure code. Rows: our EncryptionLevel; columns: what the peer did.
const EXPECTED: Record<EncryptionLevel, Record<keyof typeof VARIANTS, string>> = {
  RequireEncryption: {
    "200 RTP/SAVP + one a=crypto": "srtp",
    "200 RTP/AVP without a=crypto": "incompatible-security-setting",
    "200 RTP/AVP port 0": "incompatible-security-setting",
    "488": "incompatible-security-setting",
    "606": "incompatible-security-setting",
    "200 without SDP": "no-answer-sdp",
    "200 RTP/SAVP with a tag we did not offer": "answer-invalid",
  },
  SupportEncryption: {
    "200 RTP/SAVP + one a=crypto": "srtp",
    "200 RTP/AVP without a=crypto": "rtp",
    "200 RTP/AVP port 0": "offer-not-acceptable",
    "488": "offer-not-acceptable",
    "606": "offer-not-acceptable",
    "200 without SDP": "no-answer-sdp",
    "200 RTP/SAVP with a tag we did not offer": "answer-invalid",
  },
  DoNotSupportEncryption: {
    "200 RTP/SAVP + one a=crypto": "srtp-required-by-peer",
    "200 RTP/AVP without a=crypto": "rtp",
    "200 RTP/AVP port 0": "srtp-required-by-peer",
    "488": "srtp-required-by-peer",
    "606": "srtp-required-by-peer",
    "200 without SDP": "no-answer-sdp",
    "200 RTP/SAVP with a tag we did not offer": "srtp-required-by-peer",
  },
};

t.test("every EncryptionLevel offer × every answer variant", async (t) => {
  for (const level of ENCRYPTION_LEVELS) {
    const offerPolicy = policyForEncryptionLevel(level);
    for (const [variant, { answer, status }] of Object.entries(VARIANTS)) {
      const result = classifyMedia({ offerPolicy, offer: offerFor(offerPolicy), answer, finalStatus: status });
      const expected = EXPECTED[level][variant]!;
      const name = `${level} × ${variant}`;
      t.equal(result.failure?.code ?? result.media, expected, name);
      if (expected === "srtp") t.same(result, { media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", cryptoTag: 1, profile: "RTP/SAVP", failure: null }, name);
      if (expected === "rtp") t.same(result, { media: "rtp", suite: null, cryptoTag: null, profile: "RTP/AVP", failure: null }, name);
      if (result.failure !== null) {
        t.equal(result.media, null, `${name}: no media on failure`);
        t.equal(result.profile, answer === null ? null : answer.media[0]!.protocol, `${name}: profile is the answer's`);
        t.ok(result.failure.message.length > 0, `${name}: message`);
      }
    }
  }
});

t.test("the answer is checked against what we offered", async (t) => {
  const required = offerFor("required");
  const cases = [
    { name: "tag 2 accepted", answer: SAVP_TAG_2, expected: { media: "srtp", cryptoTag: 2, failure: null } },
    { name: "RTP/SAVP without a=crypto", answer: answer("RTP/SAVP"), expected: { failure: { code: "answer-invalid", message: /without a=crypto/ } } },
    {
      name: "two a=crypto lines",
      answer: answer("RTP/SAVP", { cryptos: [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`, `2 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`] }),
      expected: { failure: { code: "answer-invalid", message: /2 a=crypto lines/ } },
    },
    {
      name: "tag 1 with another suite",
      answer: answer("RTP/SAVP", { cryptos: [`1 AES_CM_128_HMAC_SHA1_32 inline:${KEY}`] }),
      expected: { failure: { code: "answer-invalid", message: /names AES_CM_128_HMAC_SHA1_32; we offered AES_CM_128_HMAC_SHA1_80/ } },
    },
    { name: "malformed a=crypto", answer: answer("RTP/SAVP", { cryptos: ["1 AES_CM_128_HMAC_SHA1_80 inline:short"] }), expected: { failure: { code: "answer-invalid", message: /malformed/ } } },
    { name: "wrong tag", answer: WRONG_TAG, expected: { failure: { code: "answer-invalid", message: /tag 5 is not one we offered \(1, 2\)/ } } },
    {
      name: "RTP/AVP with a=crypto",
      answer: answer("RTP/AVP", { cryptos: [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`] }),
      expected: { profile: "RTP/AVP", failure: { code: "answer-invalid", message: /neither accepts nor declines/ } },
    },
    {
      name: "RTP/AVP with only a malformed a=crypto",
      answer: answer("RTP/AVP", { cryptos: ["x"] }),
      expected: { failure: { code: "answer-invalid" } },
    },
    { name: "UDP/TLS/RTP/SAVP is SRTP too", answer: answer("UDP/TLS/RTP/SAVP", { cryptos: [`1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`] }), expected: { media: "srtp", profile: "UDP/TLS/RTP/SAVP" } },
    {
      name: "answer without an audio m= line",
      answer: parseSessionDescription("v=0\r\nm=video 0 RTP/AVP 31\r\n"),
      expected: { profile: null, failure: { code: "answer-invalid", message: /no audio m= line at position 1/ } },
    },
  ];
  for (const { name, answer, expected } of cases) t.match(classifyMedia({ offerPolicy: "required", offer: required, answer, finalStatus: 200 }), expected, name);

  t.match(
    classifyMedia({ offerPolicy: "optional", offer: offerFor("optional"), answer: answer("RTP/SAVP"), finalStatus: 200 }),
    { failure: { code: "answer-invalid" } },
    "optional offer: RTP/SAVP answer without a=crypto is invalid too",
  );
  const noCryptoOffered = offerFor("none");
  t.match(
    classifyMedia({ offerPolicy: "optional", offer: noCryptoOffered, answer: SAVP_CRYPTO, finalStatus: 200 }),
    { failure: { code: "answer-invalid", message: /not one we offered \(none\)/ } },
  );
});

t.test("statuses that are not a media outcome, and missing pieces", async (t) => {
  const offer = offerFor("required");
  const nothing = { media: null, suite: null, cryptoTag: null, profile: null, failure: null };
  for (const finalStatus of [403, 480, 500, 503, 180]) {
    t.same(classifyMedia({ offerPolicy: "required", offer, answer: null, finalStatus }), nothing, `status ${finalStatus}`);
  }
  t.same(classifyMedia({ offerPolicy: "required", offer }), nothing, "nothing observed yet");
  t.match(classifyMedia({ offerPolicy: "required", offer, answer: SAVP_CRYPTO }), { media: "srtp" }, "an answer without a final status (reliable 18x)");
  t.match(classifyMedia({ offerPolicy: "required", offer, answer: SAVP_CRYPTO, finalStatus: 488 }), { failure: { code: "incompatible-security-setting" } }, "488 wins over any SDP");
  t.match(classifyMedia({ offerPolicy: "none", offer: offerFor("none"), answer: null, finalStatus: 202 }), { failure: { code: "no-answer-sdp", message: /202/ } });
  t.throws(
    () => classifyMedia({ offerPolicy: "required", offer: parseSessionDescription("v=0\nm=audio 0 RTP/SAVP 0\n"), answer: SAVP_CRYPTO, finalStatus: 200 }),
    { code: "EXUM_SDP_NO_AUDIO" },
  );
});

t.test("the documented compatibility matrix, end to end (docs/protocol.md §2): pool offer → UM worker answer → classification", async (t) => {
  // Rows: dial plan VoIPSecurity (worker policy); columns: pool EncryptionLevel. Unsecured fails earlier (403 or no
  // TLS listener) in signalling; its media row equals SIPSecured's.
  const expected: Record<string, Record<EncryptionLevel, string>> = {
    Unsecured: { RequireEncryption: "incompatible-security-setting", SupportEncryption: "rtp", DoNotSupportEncryption: "rtp" },
    SIPSecured: { RequireEncryption: "incompatible-security-setting", SupportEncryption: "rtp", DoNotSupportEncryption: "rtp" },
    Secured: { RequireEncryption: "srtp", SupportEncryption: "srtp", DoNotSupportEncryption: "srtp-required-by-peer" },
  };
  for (const security of VOIP_SECURITY_VALUES) {
    for (const level of ENCRYPTION_LEVELS) {
      const offerPolicy = policyForEncryptionLevel(level);
      const offerText = buildOffer({ policy: offerPolicy, address: "127.0.0.10", port: 40000 }).sdp;
      const reply = answerOffer(offerText, { policy: workerPolicyForVoipSecurity(security), address: "127.0.0.20", port: 50000 });
      const offer = parseSessionDescription(offerText);
      const result =
        reply.kind === "answer"
          ? classifyMedia({ offerPolicy, offer, answer: parseSessionDescription(reply.sdp), finalStatus: 200 })
          : classifyMedia({ offerPolicy, offer, answer: null, finalStatus: 488 });
      t.equal(result.failure?.code ?? result.media, expected[security]![level], `${security} × ${level}`);
      if (reply.kind === "answer") t.equal(result.media, reply.media, `${security} × ${level}: both sides agree`);
    }
  }
});

t.test("every failure code has a one-line description", async (t) => {
  t.same(failureCodesOf("media"), ["incompatible-security-setting", "fax-not-supported", "srtp-required-by-peer", "offer-not-acceptable", "answer-invalid", "no-answer-sdp"]);
  for (const code of failureCodesOf("media")) t.match(FAILURES[code].meaning, /^[^\n]{20,}$/, code);
});
