import { readFileSync } from "node:fs";
import t from "tap";
import { answerOffer } from "./answer-offer.js";
import { buildOffer } from "./build-offer.js";
import type { MediaPolicy } from "./media-policy.js";
import { parseSessionDescription } from "./parse-session-description.js";

const OFFER_KEYS = ["ld/hOGsi+V+rnpV3Q3/uYnrvzZ1K+mju+acykpZK", "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2"];
const KEY = "OZSwtm5pSROsw+A6m2Lmt/m8niX4U+6em39KYEPn";
const vector = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");
const offerFor = (policy: MediaPolicy) => buildOffer({ policy, address: "127.0.0.10", port: 40000, sessionId: "1", keys: OFFER_KEYS }).sdp;
const answerer = (policy: MediaPolicy) => ({ policy, address: "127.0.0.20", port: 50000, sessionId: "2", key: KEY });
const lines = (...text: string[]) => text.map((line) => `${line}\r\n`).join("");

t.test("every answerer policy × every offer policy", async (t) => {
  const expected: Record<MediaPolicy, Record<MediaPolicy, string>> = {
    // answerer ↓, offer →
    required: { required: "srtp RTP/SAVP", optional: "srtp RTP/SAVP", none: "srtp-required-by-answerer-not-offered" },
    optional: { required: "srtp RTP/SAVP", optional: "srtp RTP/SAVP", none: "rtp RTP/AVP" },
    none: { required: "srtp-required-by-offer-not-supported", optional: "rtp RTP/AVP", none: "rtp RTP/AVP" },
  };
  for (const answerPolicy of ["required", "optional", "none"] as const) {
    for (const offerPolicy of ["required", "optional", "none"] as const) {
      const result = answerOffer(offerFor(offerPolicy), answerer(answerPolicy));
      const name = `answerer ${answerPolicy} × offer ${offerPolicy}`;
      if (result.kind === "not-acceptable") {
        t.equal(result.reason, expected[answerPolicy][offerPolicy], name);
        continue;
      }
      const audio = parseSessionDescription(result.sdp).media[0]!;
      t.equal(`${result.media} ${audio.protocol}`, expected[answerPolicy][offerPolicy], name);
      if (result.media === "srtp") {
        t.equal(result.suite, "AES_CM_128_HMAC_SHA1_80", `${name}: suite`);
        t.equal(result.cryptoTag, 1, `${name}: the first offered tag`);
        t.same(audio.cryptos, [result.crypto], `${name}: exactly one a=crypto, ours`);
        t.equal(result.offerCrypto?.key, OFFER_KEYS[0], `${name}: the peer's key is the offered tag 1 key`);
      } else {
        t.same(audio.cryptos, [], `${name}: no a=crypto`);
        t.equal(result.crypto, undefined);
      }
    }
  }
});

t.test("golden SRTP answer: offered tag, our key, MKI mirrored from the chosen line", async (t) => {
  const result = answerOffer(offerFor("required"), answerer("required"));
  t.equal(
    result.kind === "answer" ? result.sdp : result.reason,
    lines(
      "v=0",
      "o=exum 2 0 IN IP4 127.0.0.20",
      "s=session",
      "c=IN IP4 127.0.0.20",
      "t=0 0",
      "m=audio 50000 RTP/SAVP 0 101",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:101 telephone-event/8000",
      "a=fmtp:101 0-16",
      `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}|2^31|1:1`,
      "a=ptime:20",
      "a=sendrecv",
    ),
  );
});

t.test("golden RTP answer to a Lync SupportEncryption offer from a worker that does not support SRTP", async (t) => {
  const result = answerOffer(vector("lync-offer-optional.sdp"), answerer("none"));
  t.equal(
    result.kind === "answer" ? result.sdp : result.reason,
    lines(
      "v=0",
      "o=exum 2 0 IN IP4 127.0.0.20",
      "s=session",
      "c=IN IP4 127.0.0.20",
      "t=0 0",
      "m=audio 50000 RTP/AVP 0 101",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:101 telephone-event/8000",
      "a=fmtp:101 0-16",
      "a=ptime:20",
      "a=sendrecv",
    ),
  );
});

t.test("a Lync RequireEncryption offer: tag 2 (first _80 line) is accepted, with MKI; cryptoscale is not answered", async (t) => {
  const result = answerOffer(vector("lync-offer-required.sdp"), answerer("required"));
  t.match(result, { kind: "answer", media: "srtp", cryptoTag: 2, crypto: { tag: 2, mki: { value: 1, length: 1 } } });
  if (result.kind !== "answer") return;
  const answer = parseSessionDescription(result.sdp).media[0]!;
  t.same(answer.payloads, [0, 101], "PCMU preferred over the offer's first codecs; telephone-event kept");
  t.same(answer.cryptoscales, []);
});

t.test("the line without MKI is answered without MKI", async (t) => {
  const offer = vector("lync-offer-optional.sdp").replace(/^a=crypto:2 .*\n/m, "");
  const result = answerOffer(offer, answerer("optional"));
  t.match(result, { kind: "answer", media: "srtp", cryptoTag: 3, crypto: { mki: null, keyParams: `inline:${KEY}|2^31` } });
});

t.test("refusals", async (t) => {
  const required = vector("lync-offer-required.sdp");
  const cases = [
    { name: "only a suite Microsoft does not use", offer: required.replaceAll("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"), policy: "required", reason: "no-common-suite" },
    { name: "optional answerer, SAVP offer with an unusable suite", offer: required.replaceAll("AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"), policy: "optional", reason: "no-common-suite" },
    { name: "optional answerer, SAVP offer without a=crypto", offer: required.replace(/^a=crypto.*\n/gm, ""), policy: "optional", reason: "no-common-suite" },
    { name: "audio stream disabled (port 0)", offer: required.replace("m=audio 50020", "m=audio 0"), policy: "optional", reason: "no-audio" },
    { name: "video only", offer: "v=0\nc=IN IP4 10.0.0.1\nm=video 5000 RTP/AVP 31\n", policy: "none", reason: "no-audio" },
    { name: "no voice codec in common", offer: "v=0\nc=IN IP4 10.0.0.1\nm=audio 5000 RTP/AVP 18 101\na=rtpmap:101 telephone-event/8000\n", policy: "none", reason: "no-common-codec" },
    { name: "legacy a=encryption:required to an answerer without SRTP", offer: vector("legacy-encryption-required.sdp"), policy: "none", reason: "srtp-required-by-offer-not-supported" },
    { name: "legacy a=encryption:required (k= key, no a=crypto) to an answerer requiring SRTP", offer: vector("legacy-encryption-required.sdp"), policy: "required", reason: "srtp-required-by-answerer-not-offered" },
  ] as const;
  for (const { name, offer, policy, reason } of cases) t.same(answerOffer(offer, answerer(policy)), { kind: "not-acceptable", reason }, name);
});

t.test("codecs, direction, profiles and extra m= lines", async (t) => {
  const offer = [
    "v=0",
    "o=- 1 1 IN IP4 10.0.0.1",
    "s=-",
    "c=IN IP4 10.0.0.1",
    "t=0 0",
    "m=video 5002 RTP/AVP 31",
    "m=audio 5000 RTP/AVPF 18 8 96",
    "a=rtpmap:96 TELEPHONE-EVENT/8000",
    "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2|2^31|3:2",
    "a=sendonly",
    "m=application 1503 tcp msdata",
    "",
  ].join("\n");
  const srtp = answerOffer(offer, answerer("optional"));
  t.match(srtp, { kind: "answer", media: "srtp", cryptoTag: 7, crypto: { mki: { value: 1, length: 2 } } });
  if (srtp.kind !== "answer") return;
  const [video, audio, application] = parseSessionDescription(srtp.sdp).media;
  t.match(video, { type: "video", port: 0, protocol: "RTP/AVP", formats: ["31"] }, "other streams are rejected with port 0");
  t.match(application, { type: "application", port: 0, protocol: "tcp", formats: ["msdata"] });
  t.match(audio, { port: 50000, protocol: "RTP/SAVPF", payloads: [8, 96], direction: "recvonly", ptime: null });
  t.same(audio?.codecs[1], { payload: 96, name: "TELEPHONE-EVENT", rate: 8000, fmtp: "0-16" }, "offered payload type kept, fmtp 0-16 added");

  const rtp = answerOffer(offer.replace(/^a=crypto.*\n/m, "").replace("a=sendonly", "a=recvonly"), answerer("optional"));
  t.match(rtp, { kind: "answer", media: "rtp" });
  if (rtp.kind === "answer") t.match(parseSessionDescription(rtp.sdp).media[1], { protocol: "RTP/AVPF", direction: "sendonly" });

  const inactive = answerOffer(offerFor("required").replace("a=sendrecv", "a=inactive"), answerer("required"));
  if (inactive.kind === "answer") t.equal(parseSessionDescription(inactive.sdp).media[0]?.direction, "inactive");

  const savpf = answerOffer(offerFor("required").replace("RTP/SAVP", "RTP/SAVPF"), answerer("required"));
  if (savpf.kind === "answer") t.equal(parseSessionDescription(savpf.sdp).media[0]?.protocol, "RTP/SAVPF");
});

t.test("random answer keys, and bad input", async (t) => {
  const a = answerOffer(offerFor("required"), { policy: "required", address: "127.0.0.20", port: 50000 });
  const b = answerOffer(offerFor("required"), { policy: "required", address: "127.0.0.20", port: 50000 });
  t.match(a, { kind: "answer", crypto: { key: /^[A-Za-z0-9+/]{40}$/ } });
  if (a.kind === "answer" && b.kind === "answer") t.not(a.crypto?.key, b.crypto?.key);
  t.throws(() => answerOffer(offerFor("required"), { ...answerer("required"), key: "abc" }), { code: "EXUM_SDP_BAD_KEY", field: "key" });
  t.throws(() => answerOffer(offerFor("required"), { ...answerer("required"), port: -1 }), { code: "EXUM_SDP_BAD_OPTION", field: "port" });
  t.throws(() => answerOffer("INVITE sip:alice@contoso.com SIP/2.0", answerer("required")), { code: "EXUM_SDP_PARSE" });
});

t.test("Exchange-shaped answer: no lifetime or MKI when the offer had none (docs/protocol.md §10 Exchange Online UM capture)", async (t) => {
  // Published (an engineer's Kamailio → Exchange Online UM capture): `b=CT:10000000`, `a=label:main-audio`,
  // `a=fmtp:101 0-16,36`, one `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<key>` with no lifetime or MKI when the offer
  // had none.
  const offer = lines(
    "v=0",
    "o=- 1 1 IN IP4 127.0.0.10",
    "s=-",
    "c=IN IP4 127.0.0.10",
    "t=0 0",
    "m=audio 40000 RTP/SAVP 0 101",
    "a=rtpmap:0 PCMU/8000",
    "a=rtpmap:101 telephone-event/8000",
    "a=fmtp:101 0-15",
    `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${OFFER_KEYS[0]}`,
  );
  const shape = { keyLifetime: "mirror", bandwidthCt: 10_000_000, label: "main-audio", telephoneEventFmtp: "0-16,36", userName: "-" } as const;
  const result = answerOffer(offer, { ...answerer("required"), ...shape });
  t.equal(
    result.kind === "answer" ? result.sdp : result.reason,
    lines(
      "v=0",
      "o=- 2 0 IN IP4 127.0.0.20",
      "s=session",
      "c=IN IP4 127.0.0.20",
      "b=CT:10000000",
      "t=0 0",
      "m=audio 50000 RTP/SAVP 0 101",
      "a=rtpmap:0 PCMU/8000",
      "a=rtpmap:101 telephone-event/8000",
      "a=fmtp:101 0-16,36",
      `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY}`,
      "a=sendrecv",
      "a=label:main-audio",
    ),
  );
  const lync = answerOffer(offerFor("required"), { ...answerer("required"), ...shape });
  t.match(lync.kind === "answer" ? lync.sdp : "", `inline:${KEY}|2^31|1:1`, "an offered lifetime (Lync's tag 1) is mirrored");
  const always = answerOffer(offer, { ...answerer("required"), keyLifetime: "always" });
  t.match(always.kind === "answer" ? always.sdp : "", `inline:${KEY}|2^31\r`, "keyLifetime always writes 2^31 (the default)");
});
