import type { MediaEvidence, MediaVerdict } from "../model/media-evidence.js";

/** The evidence before it is judged. */
export type MeasuredMedia = Omit<MediaEvidence, "verdict" | "failure">;

/** Media that stopped this long before the end of the call has stopped (a 20 ms stream has no natural pause that long). */
export const STOPPED_AFTER_MS = 1500;
/** Receiver reports the peer must have sent, none naming our stream, before its silence about us is one-way media. */
const REPORTS_FOR_ONE_WAY = 2;

/**
 * The verdict and the first failure of one call's media, from what was measured on our socket (docs/media.md §7).
 * The checks go from the most basic to the most specific: nothing arrived; what arrived is not the agreed SRTP; it
 * came from elsewhere; ours did not reach the peer; it stopped. Only the first is reported: it explains the others.
 */
export function judgeMedia(media: MeasuredMedia): Pick<MediaEvidence, "verdict" | "failure"> {
  const { sent, received, peerReport } = media;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const peerMissedUs =
    peerReport !== null &&
    sent.packets > 0 &&
    ((peerReport.packetsReceived !== null && peerReport.packetsReceived === 0) || (peerReport.aboutUs === 0 && peerReport.reports >= REPORTS_FOR_ONE_WAY));
  // Datagrams that are not RTP at all are no media: they count for no-media, not for the verdict.
  const arrived = received.packets - received.notRtp > 0;
  let verdict: MediaVerdict;
  if (sent.packets > 0 && !peerMissedUs) verdict = arrived ? "two-way" : "one-way-out";
  else verdict = arrived ? "one-way-in" : "none";

  const fail = (code: NonNullable<MediaEvidence["failure"]>["code"], message: string) => ({ verdict, failure: { code, message } });
  if (received.packets === 0) {
    return fail("no-media", `no RTP or SRTP packet arrived on ${media.local.address}:${media.local.port} in ${seconds(media.durationMs)}; we sent ${sent.packets}`);
  }
  const usable = media.protection === "srtp" ? received.authenticated : received.packets - received.notRtp;
  if (usable === 0 && received.notRtp === received.packets) {
    return fail("no-media", `${received.packets} datagram(s) arrived on ${media.local.address}:${media.local.port}, none of them RTP`);
  }
  if (media.protection === "srtp") {
    const rejected = received.packets - received.authenticated - received.replayed;
    if (received.plainRtp > 0 && received.authenticated === 0) {
      return fail("savp-in-name-only", `SRTP was agreed (${media.suite ?? "?"}) and all ${received.plainRtp} packet(s) that arrived are plain RTP: no tag verified`);
    }
    if (received.mkiMismatch > 0) {
      const negotiated = media.mki.received === null ? "no MKI" : `MKI ${media.mki.received.value} (${media.mki.received.length} byte)`;
      return fail("srtp-mki-mismatch", `${received.mkiMismatch} packet(s) verify only when read with another MKI than the answer's key gives (${negotiated})`);
    }
    if (rejected > 0) {
      return fail("srtp-auth-failed", `${rejected} of ${received.packets} SRTP packet(s) did not authenticate with the answer's key (${received.authenticated} did)`);
    }
  }
  if (received.fromOtherAddress > 0) {
    const other = received.otherSource === null ? "another source" : `${received.otherSource.address}:${received.otherSource.port}`;
    return fail("media-from-unexpected-address", `${received.fromOtherAddress} packet(s) came from ${other}, not from ${media.remote.address}:${media.remote.port} as the SDP says`);
  }
  if (sent.packets === 0) {
    return fail("one-way-media", `the peer's media arrived but we could not send ours to ${media.remote.address}:${media.remote.port} (${sent.errors} send error(s))`);
  }
  if (peerMissedUs) {
    // A peer that accepted our MKI line and then reads our packets without the MKI fails every one of them.
    const mki = media.mki.sent === null ? "" : `; our packets carry MKI ${media.mki.sent.value}, which a peer that ignores the MKI cannot read (offer without it: --no-srtp-mki)`;
    return fail("one-way-media", `the peer's media arrived, but its ${peerReport?.reports ?? 0} RTCP report(s) name none of our ${sent.packets} packets as received${mki}`);
  }
  const last = received.lastPacketMs;
  if (last !== null && media.durationMs - last > STOPPED_AFTER_MS) {
    return fail("media-stopped", `the peer's media stopped ${seconds(last)} into the call and the call lasted ${seconds(media.durationMs)}`);
  }
  return { verdict, failure: null };
}
