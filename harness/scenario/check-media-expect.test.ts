import t from "tap";
import type { AudioMeasure, MediaEvidence, MediaReceived, MediaSent } from "../model/media-evidence.js";
import { checkMediaExpect, HEARD_PERCENT } from "./check-media-expect.js";
import type { CallExpect } from "./step-expectations.js";

type MediaExpect = NonNullable<CallExpect["media"]>;

const PATH = "steps[0].expect.media";

/** A 3 s SRTP call: 150 sent, 149 received and authenticated, digits 12# sent and 5 received, the greeting heard. */
const MEDIA: MediaEvidence = {
  protection: "srtp",
  suite: "AES_CM_128_HMAC_SHA1_80",
  mki: { sent: { value: 1, length: 1 }, received: { value: 1, length: 1 } },
  codec: "PCMU",
  telephoneEvent: 101,
  rtcpMux: false,
  local: { address: "127.0.0.1", port: 40000 },
  remote: { address: "127.0.0.1", port: 40002 },
  durationMs: 3000,
  sent: { packets: 150, bytes: 27_600, rtcpPackets: 3, dtmf: "12#", errors: 0 },
  received: {
    packets: 149,
    bytes: 27_416,
    authenticated: 149,
    authFailed: 0,
    replayed: 0,
    mkiMismatch: 0,
    plainRtp: 0,
    notRtp: 0,
    fromOtherAddress: 0,
    otherSource: null,
    lost: 0,
    jitterMs: 0.4,
    firstPacketMs: 12,
    lastPacketMs: 2992,
    payloadTypes: [0, 101],
    dtmf: "5",
    rtcpPackets: 3,
    audio: { frames: 149, nonSilentPercent: 80, levelDbfs: -14, tones: [440, 554, 659] },
  },
  peerReport: { reports: 3, aboutUs: 3, packetsReceived: 150, cumulativeLost: 0, jitterMs: 0.3 },
  timeline: { binMs: 250, sent: [12, 13], received: [12, 13] },
  verdict: "two-way",
  failure: null,
};

function media(changes: { sent?: Partial<MediaSent>; received?: Partial<MediaReceived>; audio?: AudioMeasure | null } & Partial<Pick<MediaEvidence, "verdict" | "protection">> = {}): MediaEvidence {
  const { sent, received, audio, ...rest } = changes;
  return {
    ...MEDIA,
    ...rest,
    sent: { ...MEDIA.sent, ...sent },
    received: { ...MEDIA.received, ...received, ...(audio === undefined ? {} : { audio }) },
  };
}

const check = (expect: MediaExpect, evidence: MediaEvidence | null) => checkMediaExpect(PATH, expect, evidence);
const silence: AudioMeasure = { frames: 100, nonSilentPercent: 0, levelDbfs: null, tones: [] };

t.test("verdict and protection, met and unmet", async (t) => {
  t.same(check({ verdict: "two-way" }, MEDIA), [{ path: `${PATH}.verdict`, expected: "two-way", seen: "two-way", met: true, message: null }]);
  t.same(check({ verdict: "two-way" }, media({ verdict: "one-way-out" })), [
    { path: `${PATH}.verdict`, expected: "two-way", seen: "one-way-out", met: false, message: "expected media.verdict two-way, saw one-way-out" },
  ]);
  t.same(check({ protection: "srtp" }, MEDIA), [{ path: `${PATH}.protection`, expected: "srtp", seen: "srtp", met: true, message: null }]);
  t.match(check({ protection: "srtp" }, media({ protection: "rtp" })), [{ path: `${PATH}.protection`, seen: "rtp", met: false, message: "expected media.protection srtp, saw rtp" }]);
});

t.test("authenticated: all, or at least a number", async (t) => {
  t.match(check({ authenticated: "all" }, MEDIA), [{ path: `${PATH}.authenticated`, expected: "all", seen: "149 of 149", met: true }]);
  t.match(check({ authenticated: "all" }, media({ received: { authenticated: 100 } })), [
    { seen: "100 of 149", met: false, message: "expected media.authenticated all, saw 100 of 149" },
  ]);
  t.match(check({ authenticated: "all" }, media({ received: { packets: 0, authenticated: 0 } })), [{ seen: "0 of 0", met: false }], "all needs at least one");
  t.match(check({ authenticated: 100 }, media({ received: { authenticated: 100 } })), [{ expected: 100, seen: "100 of 149", met: true }], "exactly the least");
  t.match(check({ authenticated: 101 }, media({ received: { authenticated: 100 } })), [{ seen: "100 of 149", met: false }]);
  t.match(check({ authenticated: 0 }, media({ received: { packets: 0, authenticated: 0 } })), [{ met: true }], "zero needs none");
});

t.test("minPackets each way", async (t) => {
  t.same(check({ minPackets: { sent: 150, received: 149 } }, MEDIA), [
    { path: `${PATH}.minPackets.sent`, expected: 150, seen: 150, met: true, message: null },
    { path: `${PATH}.minPackets.received`, expected: 149, seen: 149, met: true, message: null },
  ]);
  t.same(check({ minPackets: { sent: 151, received: 150 } }, MEDIA), [
    { path: `${PATH}.minPackets.sent`, expected: 151, seen: 150, met: false, message: "expected at least media.sent.packets 151, saw 150" },
    { path: `${PATH}.minPackets.received`, expected: 150, seen: 149, met: false, message: "expected at least media.received.packets 150, saw 149" },
  ]);
  t.match(check({ minPackets: { received: 1 } }, MEDIA), [{ path: `${PATH}.minPackets.received` }], "only the direction written is checked");
  t.equal(check({ minPackets: { received: 1 } }, MEDIA).length, 1);
});

t.test("digits sent and received", async (t) => {
  t.match(check({ dtmfSent: "12#" }, MEDIA), [{ path: `${PATH}.dtmfSent`, seen: "12#", met: true }]);
  t.match(check({ dtmfSent: "12#3" }, MEDIA), [{ seen: "12#", met: false, message: "expected media.sent.dtmf 12#3, saw 12#" }]);
  t.match(check({ dtmfReceived: "5" }, MEDIA), [{ path: `${PATH}.dtmfReceived`, seen: "5", met: true }]);
  t.match(check({ dtmfReceived: "" }, MEDIA), [{ seen: "5", met: false }], "none expected, one arrived");
  t.match(check({ dtmfReceived: "" }, media({ received: { dtmf: "" } })), [{ seen: "", met: true }]);
});

t.test("greeting heard or silent", async (t) => {
  t.equal(HEARD_PERCENT, 50, "docs/media.md §6: at least half of the frames above −50 dBFS");
  const at = (nonSilentPercent: number) => media({ audio: { frames: 100, nonSilentPercent, levelDbfs: -20, tones: [] } });
  t.match(check({ greeting: "heard" }, MEDIA), [{ path: `${PATH}.greeting`, expected: "heard", seen: "80% non-silent", met: true }]);
  t.match(check({ greeting: "heard" }, at(50)), [{ seen: "50% non-silent", met: true }], "exactly half is heard");
  t.match(check({ greeting: "heard" }, at(49.9)), [{ seen: "49.9% non-silent", met: false, message: "expected media.greeting heard, saw 49.9% non-silent" }]);
  t.match(check({ greeting: "heard" }, media({ audio: null })), [{ seen: "no audio", met: false }]);
  t.match(check({ greeting: "silent" }, media({ audio: silence })), [{ seen: "0% non-silent", met: true }]);
  t.match(check({ greeting: "silent" }, media({ audio: null })), [{ seen: "no audio", met: true }], "no audio at all is silent");
  t.match(check({ greeting: "silent" }, at(1)), [{ seen: "1% non-silent", met: false }]);
  t.match(check({ greeting: "silent" }, MEDIA), [{ seen: "80% non-silent", met: false }]);
});

t.test("tones: every expected one among those heard", async (t) => {
  t.match(check({ tones: [440, 659] }, MEDIA), [{ path: `${PATH}.tones`, expected: [440, 659], seen: [440, 554, 659], met: true }]);
  t.match(check({ tones: [440, 1004] }, MEDIA), [{ seen: [440, 554, 659], met: false, message: "expected media.received.audio.tones [440, 1004], saw [440, 554, 659]" }]);
  t.match(check({ tones: [440] }, media({ audio: null })), [{ seen: null, met: false }], "no audio decoded");
  t.match(check({ tones: [440] }, media({ audio: silence })), [{ seen: [], met: false }]);
});

t.test("no expectation written, nothing checked", async (t) => {
  t.same(check({}, MEDIA), []);
  t.same(check({}, null), []);
});

t.test("media not measured: every field unmet, seen nothing", async (t) => {
  const everything: MediaExpect = {
    verdict: "none",
    protection: "rtp",
    authenticated: 0,
    minPackets: { sent: 0, received: 0 },
    dtmfSent: "",
    dtmfReceived: "",
    greeting: "silent",
    tones: [440],
  };
  const results = check(everything, null);
  t.same(
    results.map((result) => result.path),
    ["verdict", "protection", "authenticated", "minPackets.sent", "minPackets.received", "dtmfSent", "dtmfReceived", "greeting", "tones"].map((field) => `${PATH}.${field}`),
  );
  for (const result of results) {
    t.equal(result.met, false, `${result.path} unmet`);
    t.equal(result.seen, null, `${result.path} saw nothing`);
    t.match(result.message ?? "", /, saw nothing$/, `${result.path} says so`);
  }
  // The same expectations are all met by a measured call that matches them: the null is what fails them above.
  const quiet = media({ verdict: "none", protection: "rtp", sent: { packets: 0, dtmf: "" }, received: { packets: 0, authenticated: 0, dtmf: "" }, audio: { ...silence, tones: [440] } });
  t.same(
    check(everything, quiet).map((result) => result.met),
    results.map(() => true),
  );
});
