import t from "tap";
import type { MediaEvidence, MediaReceived, MediaSent } from "./media-evidence.js";
import { mediaSentence } from "./media-sentence.js";

/** A 3 s SRTP call with MKI 1 both ways, 150 packets sent and 149 received, all authenticated. */
const SRTP_CALL: MediaEvidence = {
  protection: "srtp",
  suite: "AES_CM_128_HMAC_SHA1_80",
  mki: { sent: { value: 1, length: 1 }, received: { value: 1, length: 1 } },
  codec: "PCMU",
  telephoneEvent: 101,
  rtcpMux: false,
  local: { address: "127.0.0.1", port: 40000 },
  remote: { address: "127.0.0.1", port: 40002 },
  durationMs: 3000,
  sent: { packets: 150, bytes: 27_600, rtcpPackets: 3, dtmf: "", errors: 0 },
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
    lost: 1,
    jitterMs: 0.4,
    firstPacketMs: 12,
    lastPacketMs: 2992,
    payloadTypes: [0],
    dtmf: "",
    rtcpPackets: 3,
    audio: { frames: 149, nonSilentPercent: 98.5, levelDbfs: -12, tones: [1004] },
  },
  peerReport: { reports: 3, aboutUs: 3, packetsReceived: 150, cumulativeLost: 0, jitterMs: 0.3 },
  timeline: { binMs: 250, sent: [12, 13], received: [12, 13] },
  verdict: "two-way",
  failure: null,
};

interface Changes extends Partial<Omit<MediaEvidence, "sent" | "received">> {
  sent?: Partial<MediaSent>;
  received?: Partial<MediaReceived>;
}

function evidence(changes: Changes = {}): MediaEvidence {
  const { sent, received, ...rest } = changes;
  return { ...SRTP_CALL, ...rest, sent: { ...SRTP_CALL.sent, ...sent }, received: { ...SRTP_CALL.received, ...received } };
}

const RTP = { protection: "rtp", suite: null, mki: { sent: null, received: null } } as const;

t.test("an SRTP two-way call with MKI", async (t) => {
  t.equal(
    mediaSentence(SRTP_CALL),
    "SRTP both ways, AES_CM_128_HMAC_SHA1_80 with MKI 1: 150 packets sent, 149 received, all authenticated; audio 98.5% non-silent; the peer reports 150 of ours received",
  );
  t.equal(
    mediaSentence(evidence({ mki: { sent: null, received: null }, suite: "AES_CM_128_HMAC_SHA1_32" })),
    "SRTP both ways, AES_CM_128_HMAC_SHA1_32: 150 packets sent, 149 received, all authenticated; audio 98.5% non-silent; the peer reports 150 of ours received",
    "without an MKI none is named",
  );
  t.equal(
    mediaSentence(evidence({ mki: { sent: { value: 3, length: 1 }, received: null } })),
    "SRTP both ways, AES_CM_128_HMAC_SHA1_80 with MKI 3: 150 packets sent, 149 received, all authenticated; audio 98.5% non-silent; the peer reports 150 of ours received",
    "our MKI when the answer's key has none",
  );
});

t.test("an RTP call is in the clear", async (t) => {
  t.equal(
    mediaSentence(evidence({ ...RTP, received: { packets: 150, authenticated: 0, audio: null }, peerReport: null })),
    "RTP both ways: 150 packets sent, 150 received, in the clear; the peer's reception not measured (no RTCP report from it)",
  );
});

t.test("partial authentication, and nothing to authenticate", async (t) => {
  t.equal(
    mediaSentence(evidence({ received: { packets: 150, authenticated: 100, authFailed: 50, audio: null } })),
    "SRTP both ways, AES_CM_128_HMAC_SHA1_80 with MKI 1: 150 packets sent, 150 received, 100 authenticated; the peer reports 150 of ours received",
  );
  t.equal(
    mediaSentence(evidence({ verdict: "one-way-out", received: { packets: 0, authenticated: 0, audio: null } })),
    "SRTP from us only, AES_CM_128_HMAC_SHA1_80 with MKI 1: 150 packets sent, 0 received; the peer reports 150 of ours received",
    "no packet arrived: no claim about authentication",
  );
});

t.test("each verdict in words", async (t) => {
  const words = { "two-way": "both ways", "one-way-in": "towards us only", "one-way-out": "from us only", none: "in neither direction" } as const;
  for (const verdict of ["two-way", "one-way-in", "one-way-out", "none"] as const) {
    t.match(mediaSentence(evidence({ verdict })), new RegExp(`^SRTP ${words[verdict]}, `), verdict);
  }
});

t.test("digits sent and received", async (t) => {
  t.equal(
    mediaSentence(evidence({ ...RTP, sent: { dtmf: "1001#1234#" }, received: { dtmf: "5", authenticated: 0, audio: null } })),
    "RTP both ways: 150 packets sent, 149 received, in the clear; digits sent 1001#1234#, received 5; the peer reports 150 of ours received",
  );
  t.equal(
    mediaSentence(evidence({ ...RTP, sent: { dtmf: "12#" }, received: { authenticated: 0, audio: null } })),
    "RTP both ways: 150 packets sent, 149 received, in the clear; digits sent 12#; the peer reports 150 of ours received",
  );
  t.equal(
    mediaSentence(evidence({ ...RTP, received: { dtmf: "9", authenticated: 0, audio: null } })),
    "RTP both ways: 150 packets sent, 149 received, in the clear; digits received 9; the peer reports 150 of ours received",
  );
});

t.test("the three phrasings of the peer's report", async (t) => {
  const tail = (media: MediaEvidence) => mediaSentence(media).split("; ").at(-1);
  t.equal(tail(evidence({ peerReport: null })), "the peer's reception not measured (no RTCP report from it)");
  t.equal(
    tail(evidence({ verdict: "one-way-in", peerReport: { reports: 2, aboutUs: 0, packetsReceived: null, cumulativeLost: null, jitterMs: null } })),
    "the peer's RTCP names none of our packets",
  );
  t.equal(tail(evidence({ peerReport: { reports: 4, aboutUs: 4, packetsReceived: 148, cumulativeLost: 2, jitterMs: 0.5 } })), "the peer reports 148 of ours received");
});
