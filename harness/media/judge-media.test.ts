import t from "tap";
import type { MediaReceived, MediaSent } from "../model/media-evidence.js";
import { judgeMedia, STOPPED_AFTER_MS, type MeasuredMedia } from "./judge-media.js";

/** A healthy 3 s SRTP call with MKI both ways: 150 packets each way, every one authenticated, the peer reporting ours. */
const HEALTHY: MeasuredMedia = {
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
    packets: 150,
    bytes: 27_600,
    authenticated: 150,
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
    payloadTypes: [0],
    dtmf: "",
    rtcpPackets: 3,
    audio: { frames: 150, nonSilentPercent: 100, levelDbfs: -12, tones: [1004] },
  },
  peerReport: { reports: 3, aboutUs: 3, packetsReceived: 150, cumulativeLost: 0, jitterMs: 0.3 },
  timeline: { binMs: 250, sent: Array.from({ length: 12 }, () => 12), received: Array.from({ length: 12 }, () => 12) },
};

interface Changes extends Partial<Omit<MeasuredMedia, "sent" | "received">> {
  sent?: Partial<MediaSent>;
  received?: Partial<MediaReceived>;
}

/** The healthy call with some of its measures changed. */
function measured(changes: Changes = {}): MeasuredMedia {
  const { sent, received, ...rest } = changes;
  return { ...HEALTHY, ...rest, sent: { ...HEALTHY.sent, ...sent }, received: { ...HEALTHY.received, ...received } };
}

/** Nothing of the peer's arrived. */
const NOTHING: Partial<MediaReceived> = {
  packets: 0,
  bytes: 0,
  authenticated: 0,
  firstPacketMs: null,
  lastPacketMs: null,
  payloadTypes: [],
  rtcpPackets: 0,
  audio: null,
};

t.test("a healthy call is two-way with no failure", async (t) => {
  t.same(judgeMedia(HEALTHY), { verdict: "two-way", failure: null });
  t.same(judgeMedia(measured({ protection: "rtp", suite: null, mki: { sent: null, received: null }, received: { authenticated: 0 } })), { verdict: "two-way", failure: null }, "RTP in the clear needs no authentication");
});

t.test("the verdict is what crossed our socket: two-way, one-way-in, one-way-out, none", async (t) => {
  t.equal(judgeMedia(HEALTHY).verdict, "two-way");
  t.equal(judgeMedia(measured({ received: NOTHING })).verdict, "one-way-out", "we sent, nothing arrived");
  t.equal(judgeMedia(measured({ sent: { packets: 0, bytes: 0, errors: 150 } })).verdict, "one-way-in", "only the peer's media flowed");
  t.equal(
    judgeMedia(measured({ peerReport: { reports: 2, aboutUs: 0, packetsReceived: null, cumulativeLost: null, jitterMs: null } })).verdict,
    "one-way-in",
    "we sent, but the peer's RTCP says none of ours arrived",
  );
  t.equal(judgeMedia(measured({ sent: { packets: 0, bytes: 0 }, received: NOTHING })).verdict, "none");
});

// docs/media.md §7: the failure is the first that applies, most basic first.
const otherAddress: Partial<MediaReceived> = { fromOtherAddress: 150, otherSource: { address: "127.0.0.1", port: 45555 } };
const noBlockAboutUs = { reports: 2, aboutUs: 0, packetsReceived: null, cumulativeLost: null, jitterMs: null };
const cases: { name: string; media: MeasuredMedia; code: string | null; message?: RegExp; verdict?: string }[] = [
  { name: "nothing arrived", media: measured({ received: NOTHING }), code: "no-media", message: /no RTP or SRTP packet arrived on 127\.0\.0\.1:40000 in 3\.0 s; we sent 150/ },
  {
    name: "nothing arrived and we sent nothing",
    media: measured({ sent: { packets: 0, bytes: 0, errors: 4 }, received: { ...NOTHING, ...otherAddress } }),
    code: "no-media",
  },
  {
    name: "only datagrams that are not RTP (SRTP agreed)",
    media: measured({ received: { ...NOTHING, packets: 5, bytes: 100, notRtp: 5 } }),
    code: "no-media",
    verdict: "one-way-out",
    message: /5 datagram\(s\) arrived on 127\.0\.0\.1:40000, none of them RTP/,
  },
  {
    name: "only datagrams that are not RTP (RTP agreed)",
    media: measured({ protection: "rtp", suite: null, mki: { sent: null, received: null }, received: { ...NOTHING, packets: 5, bytes: 100, notRtp: 5 } }),
    code: "no-media",
  },
  {
    name: "plain RTP on an SRTP stream",
    media: measured({ received: { authenticated: 0, plainRtp: 150 } }),
    code: "savp-in-name-only",
    message: /SRTP was agreed \(AES_CM_128_HMAC_SHA1_80\) and all 150 packet\(s\) that arrived are plain RTP/,
  },
  { name: "plain RTP from another address: savp-in-name-only first", media: measured({ received: { authenticated: 0, plainRtp: 150, ...otherAddress } }), code: "savp-in-name-only" },
  {
    name: "plain RTP, and we could not send: savp-in-name-only first",
    media: measured({ sent: { packets: 0, bytes: 0, errors: 150 }, received: { authenticated: 0, plainRtp: 150 } }),
    code: "savp-in-name-only",
  },
  {
    name: "some plain RTP among authenticated packets is not SAVP in name only",
    media: measured({ received: { authenticated: 140, plainRtp: 10 } }),
    code: "srtp-auth-failed",
    message: /10 of 150 SRTP packet\(s\) did not authenticate with the answer's key \(140 did\)/,
  },
  {
    name: "packets without the negotiated MKI",
    media: measured({ received: { authenticated: 0, mkiMismatch: 150 } }),
    code: "srtp-mki-mismatch",
    message: /150 packet\(s\) verify only when read with another MKI than the answer's key gives \(MKI 1 \(1 byte\)\)/,
  },
  {
    name: "packets with an MKI the answer's key has not",
    media: measured({ mki: { sent: null, received: null }, received: { authenticated: 0, mkiMismatch: 150 } }),
    code: "srtp-mki-mismatch",
    message: /\(no MKI\)/,
  },
  { name: "MKI mismatch from another address: srtp-mki-mismatch first", media: measured({ received: { authenticated: 0, mkiMismatch: 150, ...otherAddress } }), code: "srtp-mki-mismatch" },
  { name: "tags that do not verify", media: measured({ received: { authenticated: 0, authFailed: 150 } }), code: "srtp-auth-failed", message: /150 of 150 SRTP packet\(s\)/ },
  { name: "a few tags that do not verify", media: measured({ received: { authenticated: 147, authFailed: 3 } }), code: "srtp-auth-failed" },
  { name: "auth failures from another address: srtp-auth-failed first", media: measured({ received: { authenticated: 100, authFailed: 50, ...otherAddress } }), code: "srtp-auth-failed" },
  { name: "replays alone are not an authentication failure", media: measured({ received: { authenticated: 145, replayed: 5 } }), code: null },
  {
    name: "packets from another address",
    media: measured({ received: otherAddress }),
    code: "media-from-unexpected-address",
    message: /150 packet\(s\) came from 127\.0\.0\.1:45555, not from 127\.0\.0\.1:40002 as the SDP says/,
  },
  {
    name: "packets from another address, source unknown",
    media: measured({ received: { fromOtherAddress: 2, otherSource: null } }),
    code: "media-from-unexpected-address",
    message: /came from another source/,
  },
  {
    name: "plain RTP from another address on an RTP call: the address",
    media: measured({ protection: "rtp", suite: null, mki: { sent: null, received: null }, received: { authenticated: 0, plainRtp: 0, ...otherAddress } }),
    code: "media-from-unexpected-address",
  },
  {
    name: "another address and we could not send: the address first",
    media: measured({ sent: { packets: 0, bytes: 0, errors: 150 }, received: otherAddress }),
    code: "media-from-unexpected-address",
  },
  {
    name: "we could not send",
    media: measured({ sent: { packets: 0, bytes: 0, errors: 150 } }),
    code: "one-way-media",
    message: /we could not send ours to 127\.0\.0\.1:40002 \(150 send error\(s\)\)/,
  },
  {
    name: "two RTCP reports of the peer, none naming our packets",
    media: measured({ peerReport: noBlockAboutUs }),
    code: "one-way-media",
    message: /its 2 RTCP report\(s\) name none of our 150 packets as received; our packets carry MKI 1.*--no-srtp-mki/,
  },
  { name: "one RTCP report without a block about us is not yet one-way", media: measured({ peerReport: { ...noBlockAboutUs, reports: 1 } }), code: null },
  {
    name: "the peer's report says it received none of ours",
    media: measured({ peerReport: { reports: 1, aboutUs: 1, packetsReceived: 0, cumulativeLost: 0, jitterMs: 0 } }),
    code: "one-way-media",
  },
  {
    name: "one-way and stopped: one-way-media first",
    media: measured({ peerReport: noBlockAboutUs, received: { lastPacketMs: 500 } }),
    code: "one-way-media",
  },
  {
    name: "the peer's media stopped more than 1.5 s before the end",
    media: measured({ received: { lastPacketMs: 3000 - STOPPED_AFTER_MS - 1 } }),
    code: "media-stopped",
    message: /the peer's media stopped 1\.5 s into the call and the call lasted 3\.0 s/,
  },
  { name: "a last packet exactly 1.5 s before the end has not stopped", media: measured({ received: { lastPacketMs: 3000 - STOPPED_AFTER_MS } }), code: null },
];

t.test("each failure code, in the order of docs/media.md §7", async (t) => {
  t.equal(STOPPED_AFTER_MS, 1500, "docs/media.md §7: stopped more than 1.5 s before the end");
  for (const { name, media, code, message, verdict } of cases) {
    const { failure, verdict: seen } = judgeMedia(media);
    t.equal(failure?.code ?? null, code, name);
    if (verdict !== undefined) t.equal(seen, verdict, `${name}: the verdict`);
    // A failure always explains itself; where the case names the words, they are checked too.
    if (code === null) t.equal(failure, null, `${name}: no failure`);
    else t.match(failure?.message ?? "", message ?? /\S/, `${name}: the message`);
  }
});

t.test("a peer that ignores our MKI is told how to avoid it only when our packets carry one", async (t) => {
  const peerReport = { reports: 3, aboutUs: 0, packetsReceived: null, cumulativeLost: null, jitterMs: null };
  const withoutMki = judgeMedia(measured({ mki: { sent: null, received: null }, peerReport }));
  t.equal(withoutMki.failure?.code, "one-way-media");
  t.notMatch(withoutMki.failure?.message ?? "--no-srtp-mki", /--no-srtp-mki/);
  t.match(withoutMki.failure?.message ?? "", /its 3 RTCP report\(s\) name none of our 150 packets as received$/);
});

t.test("a report about us that counts packets keeps the call two-way", async (t) => {
  const judged = judgeMedia(measured({ peerReport: { reports: 5, aboutUs: 1, packetsReceived: 10, cumulativeLost: 140, jitterMs: 1 } }));
  t.same(judged, { verdict: "two-way", failure: null });
});
