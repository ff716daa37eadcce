import t from "tap";
import type { MediaEvidence, MediaReceived } from "../model/media-evidence.js";
import { mediaSentence } from "../model/media-sentence.js";
import { escapeHtml } from "./escape-html.js";
import { mediaHtml } from "./html-media.js";

/** A 2 s SRTP call, healthy: 8 bins of 250 ms each way. */
const HEALTHY: MediaEvidence = {
  protection: "srtp",
  suite: "AES_CM_128_HMAC_SHA1_80",
  mki: { sent: { value: 1, length: 1 }, received: { value: 1, length: 1 } },
  codec: "PCMU",
  telephoneEvent: 101,
  rtcpMux: false,
  local: { address: "127.0.0.1", port: 40000 },
  remote: { address: "127.0.0.1", port: 40002 },
  durationMs: 2000,
  sent: { packets: 100, bytes: 18_400, rtcpPackets: 2, dtmf: "12#", errors: 0 },
  received: {
    packets: 99,
    bytes: 18_216,
    authenticated: 99,
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
    lastPacketMs: 1992,
    payloadTypes: [0],
    dtmf: "",
    rtcpPackets: 2,
    audio: { frames: 99, nonSilentPercent: 97.5, levelDbfs: -14.2, tones: [440, 554] },
  },
  peerReport: { reports: 2, aboutUs: 2, packetsReceived: 98, cumulativeLost: 1, jitterMs: 0.3 },
  timeline: { binMs: 250, sent: [12, 13, 12, 13, 12, 13, 12, 13], received: [11, 13, 12, 13, 12, 13, 12, 13] },
  verdict: "two-way",
  failure: null,
};

function evidence(changes: Partial<Omit<MediaEvidence, "received">> & { received?: Partial<MediaReceived> } = {}): MediaEvidence {
  const { received, ...rest } = changes;
  return { ...HEALTHY, ...rest, received: { ...HEALTHY.received, ...received } };
}

/** The number of x,y points of each polyline, in order. */
function polylinePoints(markup: string): number[] {
  return [...markup.matchAll(/<polyline\b[^>]*\spoints="([^"]*)"/g)].map((match) => (match[1] === "" ? 0 : (match[1] ?? "").split(" ").length));
}

t.test("the sentence, met, without a failure code", async (t) => {
  const markup = mediaHtml(HEALTHY).value;
  t.match(markup, `<p class="met">${escapeHtml(mediaSentence(HEALTHY))}</p>`);
  t.notMatch(markup, /<code>/, "no failure code");
  t.match(markup, "<tr><th>SRTP MKI</th><td>1:1</td><td>1:1</td></tr>");
  t.match(markup, "<tr><th>DTMF digits</th><td>12#</td><td>–</td></tr>");
  t.match(markup, "97.5% non-silent, -14.2 dBFS, tones 440, 554 Hz");
  t.match(markup, "1 / 0.3 ms (the peer&#39;s RTCP)", "lost and jitter as the peer reported ours");
});

t.test("a failure shows its code and message, unmet", async (t) => {
  const failed = evidence({ verdict: "one-way-out", received: { packets: 0, authenticated: 0, audio: null }, failure: { code: "no-media", message: "no RTP or SRTP packet arrived" } });
  const markup = mediaHtml(failed).value;
  t.match(markup, `<p class="unmet">${escapeHtml(mediaSentence(failed))} — <code>no-media</code>: no RTP or SRTP packet arrived</p>`);
  t.match(markup, "none decoded");
});

t.test("an RTP call has no SRTP rows", async (t) => {
  const markup = mediaHtml(evidence({ protection: "rtp", suite: null, mki: { sent: null, received: null }, received: { authenticated: 0 } })).value;
  t.notMatch(markup, /SRTP MKI|authenticated<\/th>/);
  t.match(markup, /in the clear/);
});

t.test("the plot: an svg with two polylines, one point per timeline bin", async (t) => {
  const markup = mediaHtml(HEALTHY).value;
  t.equal(markup.match(/<svg\b/g)?.length, 1);
  t.same(polylinePoints(markup), [8, 8], "sent and received, 8 bins each");
  t.match(markup, /<polyline class="sent"[^>]*>.*<polyline class="received"/);
  t.match(markup, "over 2.0 s</title>");

  const long = evidence({ timeline: { binMs: 250, sent: Array.from({ length: 40 }, () => 12), received: Array.from({ length: 40 }, (_, i) => (i < 20 ? 12 : 0)) } });
  t.same(polylinePoints(mediaHtml(long).value), [40, 40], "a 10 s call");
  const drawn = [...mediaHtml(long).value.matchAll(/<polyline class="received"[^>]*points="([^"]*)"/g)][0]?.[1] ?? "";
  const ys = drawn.split(" ").map((point) => Number(point.split(",")[1]));
  t.ok((ys[0] ?? 0) < (ys[39] ?? 0), "a stopped stream falls to the axis (larger y)");
});

t.test("what the peer controls is escaped", async (t) => {
  const hostile = "<script>alert(1)</script>";
  const markup = mediaHtml(
    evidence({
      received: { fromOtherAddress: 3, otherSource: { address: hostile, port: 5 } },
      failure: { code: "media-from-unexpected-address", message: `3 packet(s) came from ${hostile}:5` },
    }),
  ).value;
  t.notMatch(markup, /<script/i, "no script element");
  t.match(markup, `(first ${escapeHtml(hostile)}:5)`);
  t.match(markup, `came from ${escapeHtml(hostile)}:5`);
  t.match(markup, "&lt;script&gt;");
});
