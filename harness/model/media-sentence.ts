import type { MediaEvidence } from "./media-evidence.js";

/**
 * The media of a call in one sentence, from the evidence only (docs/media.md §7), e.g. "SRTP both ways,
 * AES_CM_128_HMAC_SHA1_80 with MKI 1: 150 packets sent, 149 received, all authenticated".
 */
export function mediaSentence(media: MediaEvidence): string {
  const { sent, received } = media;
  const direction = { "two-way": "both ways", "one-way-in": "towards us only", "one-way-out": "from us only", none: "in neither direction" }[media.verdict];
  const mki = media.mki.received ?? media.mki.sent;
  const suite = media.protection === "srtp" ? `, ${media.suite ?? "?"}${mki === null ? "" : ` with MKI ${mki.value}`}` : "";
  const counts = `${sent.packets} packets sent, ${received.packets} received`;
  const all = received.authenticated === received.packets ? ", all authenticated" : `, ${received.authenticated} authenticated`;
  const proof = media.protection === "rtp" ? ", in the clear" : received.packets === 0 ? "" : all;
  const audio = received.audio === null ? "" : `; audio ${received.audio.nonSilentPercent}% non-silent`;
  const dtmf = [sent.dtmf === "" ? null : `digits sent ${sent.dtmf}`, received.dtmf === "" ? null : `${sent.dtmf === "" ? "digits " : ""}received ${received.dtmf}`].filter((part) => part !== null);
  const protection = media.protection === "srtp" ? "SRTP" : "RTP";
  const peer =
    media.peerReport === null
      ? "; the peer's reception not measured (no RTCP report from it)"
      : media.peerReport.packetsReceived === null
        ? "; the peer's RTCP names none of our packets"
        : `; the peer reports ${media.peerReport.packetsReceived} of ours received`;
  return `${protection} ${direction}${suite}: ${counts}${proof}${audio}${dtmf.length === 0 ? "" : `; ${dtmf.join(", ")}`}${peer}`;
}
