import { html, type SafeHtml } from "./escape-html.js";
import type { MediaEvidence, MediaTimeline } from "../model/media-evidence.js";
import { mediaSentence } from "../model/media-sentence.js";
import { durationText } from "../model/duration-text.js";

const PLOT_WIDTH = 640;
const PLOT_HEIGHT = 90;

/**
 * Packets per 250 ms both ways as a small SVG (docs/media.md §6): a one-way or stopped stream shows at a glance. Only
 * numbers go into the drawing; the caption is escaped.
 */
function timelineSvg(timeline: MediaTimeline): SafeHtml {
  const bins = Math.max(timeline.sent.length, timeline.received.length, 1);
  const peak = Math.max(1, ...timeline.sent, ...timeline.received);
  const x = (i: number) => ((i + 0.5) * PLOT_WIDTH) / bins;
  const y = (count: number) => PLOT_HEIGHT - 12 - (count / peak) * (PLOT_HEIGHT - 24);
  const points = (series: readonly number[]) => series.map((count, i) => `${x(i).toFixed(1)},${y(count).toFixed(1)}`).join(" ");
  const seconds = (bins * timeline.binMs) / 1000;
  return html`<svg class="media-plot" role="img" viewBox="0 0 ${PLOT_WIDTH} ${PLOT_HEIGHT}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}"><title>Packets per ${timeline.binMs} ms, sent and received, over ${seconds.toFixed(1)} s</title><line x1="0" y1="${
    PLOT_HEIGHT - 12
  }" x2="${PLOT_WIDTH}" y2="${PLOT_HEIGHT - 12}" class="axis"/><polyline class="sent" fill="none" points="${points(timeline.sent)}"/><polyline class="received" fill="none" points="${points(
    timeline.received,
  )}"/><text x="4" y="${PLOT_HEIGHT - 2}" class="note">0 s</text><text x="${PLOT_WIDTH - 4}" y="${PLOT_HEIGHT - 2}" text-anchor="end" class="note">${seconds.toFixed(1)} s</text><text x="4" y="10" class="sent">sent</text><text x="44" y="10" class="received">received</text></svg>`;
}

/** A call's media: the verdict in one sentence, a table per direction, the plot, the digits (docs/media.md §6, §7). */
export function mediaHtml(media: MediaEvidence): SafeHtml {
  const { sent, received } = media;
  const audio = received.audio;
  const row = (label: string, ours: string | number, theirs: string | number) => html`<tr><th>${label}</th><td>${ours}</td><td>${theirs}</td></tr>`;
  const mki = (value: MediaEvidence["mki"]["sent"]) => (value === null ? "none" : `${value.value}:${value.length}`);
  const srtp = media.protection === "srtp";
  return html`<h5>Media</h5><p class="${media.failure === null ? "met" : "unmet"}">${mediaSentence(media)}${
    media.failure === null ? "" : html` — <code>${media.failure.code}</code>: ${media.failure.message}`
  }</p><div class="scroll"><table class="media"><tr><th></th><th>sent (us → ${media.remote.address}:${media.remote.port})</th><th>received (${media.local.address}:${media.local.port} ← peer)</th></tr>${[
    row("packets", sent.packets, received.packets),
    row("bytes", sent.bytes, received.bytes),
    row("RTCP packets", sent.rtcpPackets, received.rtcpPackets),
    srtp ? row("SRTP MKI", mki(media.mki.sent), mki(media.mki.received)) : "",
    srtp ? row("authenticated", "–", received.authenticated) : "",
    srtp ? row("failed authentication / replayed / MKI mismatch / plain RTP", "–", `${received.authFailed} / ${received.replayed} / ${received.mkiMismatch} / ${received.plainRtp}`) : "",
    row("not RTP / from another address", sent.errors === 0 ? "–" : `${sent.errors} send error(s)`, `${received.notRtp} / ${received.fromOtherAddress}${received.otherSource === null ? "" : ` (first ${received.otherSource.address}:${received.otherSource.port})`}`),
    row("lost / jitter", media.peerReport?.packetsReceived == null ? "not reported" : `${media.peerReport.cumulativeLost ?? 0} / ${media.peerReport.jitterMs ?? 0} ms (the peer's RTCP)`, `${received.lost} / ${received.jitterMs} ms`),
    row("first / last packet", "–", `${durationText(received.firstPacketMs)} / ${durationText(received.lastPacketMs)}`),
    row("payload types", media.codec, received.payloadTypes.join(", ") || "–"),
    row("DTMF digits", sent.dtmf || "–", received.dtmf || "–"),
    row("audio", "1004 Hz test tone", audio === null ? "none decoded" : `${audio.nonSilentPercent}% non-silent${audio.levelDbfs === null ? "" : `, ${audio.levelDbfs} dBFS`}${audio.tones.length === 0 ? "" : `, tones ${audio.tones.join(", ")} Hz`}`),
  ]}</table></div><div class="scroll">${timelineSvg(media.timeline)}</div>`;
}
