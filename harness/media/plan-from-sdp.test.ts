import t from "tap";
import { answerOffer } from "../sdp/answer-offer.js";
import { buildOffer } from "../sdp/build-offer.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import { parseSessionDescription } from "../sdp/parse-session-description.js";
import type { MediaPlan } from "./media-plan.js";
import { planFromSdp, type PlanProblem } from "./plan-from-sdp.js";

/** Three distinct 30-byte master key + salt, as base64 (40 characters each). */
const keyOf = (seed: number) => Buffer.from(Array.from({ length: 30 }, (_, i) => (seed * 37 + i * 11) & 0xff)).toString("base64");
const OFFER_KEYS = [keyOf(1), keyOf(2)] as const;
const ANSWER_KEY = keyOf(3);

// The two sides' addresses differ so that a plan taking its own c= shows; nothing is sent to them here.
const OFFERER = { address: "127.0.0.1", port: 40_000 };
const ANSWERER = { address: "127.0.0.2", port: 50_000 };

const SIGNAL = new Int16Array(160);
const TONES = [1004];

/** An offer and its answer as SDP text, made by the harness's own writer and answerer. */
function exchange(offerPolicy: MediaPolicy, answerPolicy: MediaPolicy, mki = true): { offer: string; answer: string } {
  const offer = buildOffer({ ...OFFERER, policy: offerPolicy, keys: OFFER_KEYS, mki, sessionId: "1" }).sdp;
  const answered = answerOffer(offer, { ...ANSWERER, policy: answerPolicy, key: ANSWER_KEY, sessionId: "2" });
  if (answered.kind !== "answer") throw new Error(`the answerer refused the offer: ${answered.reason}`);
  return { offer, answer: answered.sdp };
}

function plans(texts: { offer: string; answer: string }): { offerer: MediaPlan | PlanProblem; answerer: MediaPlan | PlanProblem } {
  const offer = parseSessionDescription(texts.offer);
  const answer = parseSessionDescription(texts.answer);
  const plan = (side: "offerer" | "answerer") => planFromSdp({ offer, answer, side, signal: SIGNAL, candidateTones: TONES });
  return { offerer: plan("offerer"), answerer: plan("answerer") };
}

function planOf(result: MediaPlan | PlanProblem): MediaPlan {
  if ("problem" in result) throw new Error(`no plan: ${result.problem}`);
  return result;
}

const keySalt = (base64: string) => {
  const bytes = Buffer.from(base64, "base64");
  return { masterKey: bytes.subarray(0, 16), masterSalt: bytes.subarray(16, 30) };
};

t.test("required SRTP: each side sends with the key of its own SDP and receives with the other's (RFC 4568 §6.1)", async (t) => {
  const texts = exchange("required", "required");
  t.match(texts.answer, /a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[^|]+\|2\^31\|1:1/, "the answer accepted tag 1, the MKI line");
  const { offerer, answerer } = plans(texts);
  const a = planOf(offerer);
  const b = planOf(answerer);
  t.equal(a.srtp?.suite, "AES_CM_128_HMAC_SHA1_80");
  t.equal(b.srtp?.suite, "AES_CM_128_HMAC_SHA1_80");
  t.same(a.srtp?.send.masterKey, keySalt(OFFER_KEYS[0]).masterKey, "the offerer sends with its tag-1 key");
  t.same(a.srtp?.send.masterSalt, keySalt(OFFER_KEYS[0]).masterSalt);
  t.same(a.srtp?.receive.masterKey, keySalt(ANSWER_KEY).masterKey, "and receives with the answer's key");
  t.same(a.srtp?.receive.masterSalt, keySalt(ANSWER_KEY).masterSalt);
  t.same(b.srtp?.send.masterKey, keySalt(ANSWER_KEY).masterKey, "the answerer sends with its own key");
  t.same(b.srtp?.send.masterSalt, keySalt(ANSWER_KEY).masterSalt);
  t.same(b.srtp?.receive.masterKey, keySalt(OFFER_KEYS[0]).masterKey, "and receives with the offered tag-1 key");
  t.same(b.srtp?.receive.masterSalt, keySalt(OFFER_KEYS[0]).masterSalt);
  t.notSame(a.srtp?.send.masterKey, keySalt(OFFER_KEYS[1]).masterKey, "not the key of the tag that was not accepted");
  t.same(a.srtp?.send.mki, { value: 1, length: 1 }, "|2^31|1:1 on tag 1: MKI 1 of 1 byte on our packets");
  t.same(a.srtp?.receive.mki, { value: 1, length: 1 }, "the answer mirrors the MKI");
  t.same(b.srtp?.send.mki, { value: 1, length: 1 });
  t.same(b.srtp?.receive.mki, { value: 1, length: 1 });
});

t.test("an offer without the MKI line: tag 2, no MKI either way", async (t) => {
  const texts = exchange("required", "required", false);
  t.notMatch(texts.offer, /a=crypto:1 /, "only Lync's second line is offered");
  const a = planOf(plans(texts).offerer);
  const b = planOf(plans(texts).answerer);
  t.same(a.srtp?.send.masterKey, keySalt(OFFER_KEYS[1]).masterKey, "the offerer sends with its tag-2 key");
  t.same(b.srtp?.receive.masterKey, keySalt(OFFER_KEYS[1]).masterKey);
  t.same(a.srtp?.receive.masterKey, keySalt(ANSWER_KEY).masterKey);
  t.equal(a.srtp?.send.mki, null);
  t.equal(a.srtp?.receive.mki, null);
  t.equal(b.srtp?.send.mki, null);
  t.equal(b.srtp?.receive.mki, null);
});

t.test("optional SRTP is SRTP when the answer takes a key, RTP when it does not", async (t) => {
  const taken = plans(exchange("optional", "optional"));
  t.equal(planOf(taken.offerer).srtp?.suite, "AES_CM_128_HMAC_SHA1_80");
  t.same(planOf(taken.answerer).srtp?.send.masterKey, keySalt(ANSWER_KEY).masterKey);
  const declined = plans(exchange("optional", "none"));
  t.equal(planOf(declined.offerer).srtp, null, "the answer carries no a=crypto");
  t.equal(planOf(declined.answerer).srtp, null);
  const clear = plans(exchange("none", "optional"));
  t.equal(planOf(clear.offerer).srtp, null, "nothing offered");
  t.equal(planOf(clear.answerer).srtp, null);
});

t.test("codec, telephone-event, the peer's address and RTCP on the next port, for both sides", async (t) => {
  for (const [offerPolicy, answerPolicy] of [
    ["required", "required"],
    ["optional", "optional"],
    ["none", "none"],
  ] as const) {
    const { offerer, answerer } = plans(exchange(offerPolicy, answerPolicy));
    const a = planOf(offerer);
    const b = planOf(answerer);
    const name = `${offerPolicy}/${answerPolicy}`;
    t.match(a, { codec: "PCMU", payloadType: 0, telephoneEvent: 101, rtcpMux: false, dtmf: null }, `${name}: the offerer's codecs`);
    t.match(b, { codec: "PCMU", payloadType: 0, telephoneEvent: 101, rtcpMux: false, dtmf: null }, `${name}: the answerer's codecs`);
    t.same([a.remote, a.remoteRtcp], [ANSWERER, { ...ANSWERER, port: ANSWERER.port + 1 }], `${name}: the offerer sends to the answer's c=/m=`);
    t.same([b.remote, b.remoteRtcp], [OFFERER, { ...OFFERER, port: OFFERER.port + 1 }], `${name}: the answerer sends to the offer's c=/m=`);
    t.equal(a.signal, SIGNAL, `${name}: the signal is the one given`);
    t.same(a.candidateTones, TONES);
  }
});

t.test("the answer's voice codec is the one sent, and telephone-event needs both sides", async (t) => {
  const { offer, answer } = exchange("none", "none");
  const pcma = answer.replace("m=audio 50000 RTP/AVP 0 101", "m=audio 50000 RTP/AVP 8 101").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000");
  t.match(planOf(plans({ offer, answer: pcma }).offerer), { codec: "PCMA", payloadType: 8 });
  const noEvents = answer.replace("m=audio 50000 RTP/AVP 0 101", "m=audio 50000 RTP/AVP 0").replace(/a=rtpmap:101 .*\r\n|a=fmtp:101 .*\r\n/g, "");
  t.notMatch(noEvents, /telephone-event/, "the control: the answer lists no telephone-event");
  t.equal(planOf(plans({ offer, answer: noEvents }).offerer).telephoneEvent, null);
  t.equal(planOf(plans({ offer, answer: noEvents }).answerer).telephoneEvent, null);
});

t.test("the dtmf and faults given are carried into the plan", async (t) => {
  const { offer, answer } = exchange("required", "required");
  const plan = planOf(
    planFromSdp({
      offer: parseSessionDescription(offer),
      answer: parseSessionDescription(answer),
      side: "answerer",
      signal: SIGNAL,
      candidateTones: TONES,
      dtmf: { digits: "12#", atMs: 200 },
      faults: { silent: true },
    }),
  );
  t.same(plan.dtmf, { digits: "12#", atMs: 200 });
  t.same(plan.faults, { silent: true });
});

t.test("what leaves no plan is a problem, not a throw", async (t) => {
  const secure = exchange("required", "required");
  const clear = exchange("none", "none");
  const problems: [string, { offer: string; answer: string }, RegExp][] = [
    ["an answer with port 0", { ...secure, answer: secure.answer.replace("m=audio 50000 ", "m=audio 0 ") }, /no audio stream was agreed/],
    [
      "an answer without G.711",
      { ...clear, answer: clear.answer.replace("m=audio 50000 RTP/AVP 0 101", "m=audio 50000 RTP/AVP 18 101").replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000") },
      /the answer names no G\.711 codec \(PCMU or PCMA\)/,
    ],
    ["an answer tag that was not offered", { ...secure, answer: secure.answer.replace("a=crypto:1 ", "a=crypto:7 ") }, /the answer's crypto tag 7 matches no offered line/],
    [
      "an answer suite other than the offered line's",
      { ...secure, answer: secure.answer.replace("a=crypto:1 AES_CM_128_HMAC_SHA1_80", "a=crypto:1 AES_CM_128_HMAC_SHA1_32") },
      /the answer's crypto tag 1 matches no offered line/,
    ],
    [
      "an unsupported suite",
      { offer: secure.offer.replaceAll("AES_CM_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80"), answer: secure.answer.replaceAll("AES_CM_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80") },
      /the SRTP suite F8_128_HMAC_SHA1_80 is not one exum can send/,
    ],
    ["an answer without c=", { ...clear, answer: clear.answer.replace(/c=IN IP4 .*\r\n/, "") }, /the peer's SDP has no c= address/],
  ];
  for (const [name, texts, problem] of problems) {
    t.not(texts.answer, secure.answer, `${name}: the control, the answer was changed`);
    const { offerer } = plans(texts);
    t.match(offerer, { problem }, name);
    t.notOk("remote" in offerer, `${name}: no plan`);
  }
  const offererless = plans({ ...clear, offer: clear.offer.replace(/c=IN IP4 .*\r\n/, "") });
  t.match(offererless.answerer, { problem: /the peer's SDP has no c= address/ }, "the answerer reads the offer's c=");
  t.notOk("problem" in offererless.offerer, "the offerer needs only the answer's c=");
});
