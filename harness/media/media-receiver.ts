import type { MediaAddress, MediaReceived, PeerReport } from "../model/media-evidence.js";
import { createAudioMeter } from "./audio/audio-meter.js";
import { decodeG711 } from "./audio/g711.js";
import { createDtmfReceiver } from "./dtmf/dtmf-receiver.js";
import type { MediaPlan } from "./media-plan.js";
import type { TimelineCounter } from "./media-timeline.js";
import { readRtcpReports } from "./rtp/rtcp-packet.js";
import { isRtcpOnMuxedPort, readRtpPacket } from "./rtp/rtp-packet.js";
import { RtpReceiveStats } from "./rtp/rtp-receive-stats.js";
import { createSrtpReceiver } from "./srtp/srtp-receiver.js";

/** Where a datagram arrived: the RTP port or the RTCP port. */
export type MediaPort = "rtp" | "rtcp";

/**
 * Everything that arrives on one side's media ports, read and counted (docs/media.md §6): SRTP unprotected with the
 * peer's key (RFC 3711 §3.3) and every rejection counted by reason, RTP statistics (RFC 3550 A.1, A.8), the voice
 * decoded and measured, RFC 4733 digits decoded, RTCP reports about our stream kept.
 */
export class MediaReceiver {
  readonly #plan: MediaPlan;
  readonly #timeline: TimelineCounter;
  readonly #srtp;
  readonly #meter;
  readonly #dtmf = createDtmfReceiver();
  readonly #stats = new RtpReceiveStats(8000);
  readonly #payloadTypes: number[] = [];
  #ssrc: number | null = null;
  #counts = { packets: 0, bytes: 0, authenticated: 0, authFailed: 0, replayed: 0, mkiMismatch: 0, plainRtp: 0, notRtp: 0, fromOtherAddress: 0, rtcpPackets: 0 };
  #otherSource: MediaAddress | null = null;
  #first: number | null = null;
  #last: number | null = null;
  #peer = { reports: 0, aboutUs: 0, packetsReceived: null as number | null, cumulativeLost: null as number | null, jitter: null as number | null };
  /** Called with each digit as its event starts (the lab's prompts react to it). */
  onDigit: ((digits: string) => void) | null = null;

  constructor(plan: MediaPlan, timeline: TimelineCounter) {
    this.#plan = plan;
    this.#timeline = timeline;
    this.#srtp = plan.srtp === null ? null : createSrtpReceiver(plan.srtp.receive);
    this.#meter = createAudioMeter({ candidateTones: [...plan.candidateTones] });
  }

  /** The SSRC of the peer's stream (the first one seen), for our reception report about it. */
  get ssrc(): number | null {
    return this.#ssrc;
  }

  /** Our reception statistics of the peer's stream, for the report block we send. */
  stats(): RtpReceiveStats {
    return this.#stats;
  }

  /**
   * One datagram, `atMs` after the media started. `ourSsrc` is what the peer's reports about us name. Returns the
   * plain RTP packet when one was accepted (for a capture's decrypted view), else null.
   */
  push(datagram: Buffer, from: MediaAddress, port: MediaPort, atMs: number, ourSsrc: number, ourFirstSequence: number | null): Buffer | null {
    const rtcp = port === "rtcp" || (this.#plan.rtcpMux && isRtcpOnMuxedPort(datagram));
    if (rtcp) {
      this.#rtcp(datagram, from, ourSsrc, ourFirstSequence);
      return null;
    }
    const counts = this.#counts;
    counts.packets++;
    counts.bytes += datagram.length;
    this.#timeline.received(atMs);
    if (!sameAddress(from, this.#plan.remote)) this.#fromElsewhere(from);
    let plain = datagram;
    if (this.#srtp !== null) {
      const result = this.#srtp.unprotectRtp(datagram);
      if (!result.ok) {
        switch (result.reason) {
          case "replayed":
            counts.replayed++;
            break;
          case "mki-missing":
          case "mki-unexpected":
          case "mki-unknown":
            counts.mkiMismatch++;
            break;
          case "plain-rtp":
            counts.plainRtp++;
            break;
          case "too-short":
          case "not-rtp":
            counts.notRtp++;
            break;
          default:
            counts.authFailed++;
        }
        return null;
      }
      counts.authenticated++;
      plain = result.packet;
    }
    const packet = readRtpPacket(plain);
    if (packet === null) {
      counts.notRtp++;
      return null;
    }
    this.#ssrc ??= packet.ssrc;
    this.#first ??= atMs;
    this.#last = atMs;
    if (!this.#payloadTypes.includes(packet.payloadType)) this.#payloadTypes.push(packet.payloadType);
    if (packet.ssrc === this.#ssrc) this.#stats.push(packet.sequence, packet.timestamp, atMs);
    if (packet.payloadType === this.#plan.payloadType) {
      this.#meter.push(decodeG711(this.#plan.codec, packet.payload));
    } else if (packet.payloadType === this.#plan.telephoneEvent) {
      const before = this.#dtmf.digits();
      this.#dtmf.push({ timestamp: packet.timestamp, marker: packet.marker, payload: packet.payload, seq: packet.sequence });
      const after = this.#dtmf.digits();
      if (after !== before) this.onDigit?.(after);
    }
    return plain;
  }

  #fromElsewhere(from: MediaAddress): void {
    this.#counts.fromOtherAddress++;
    this.#otherSource ??= from;
  }

  #rtcp(datagram: Buffer, from: MediaAddress, ourSsrc: number, ourFirstSequence: number | null): void {
    this.#counts.rtcpPackets++;
    // RTCP may come from the peer's RTP or RTCP port (symmetric RTCP, RFC 4961); another address is a stranger.
    if (from.address !== this.#plan.remote.address) this.#fromElsewhere(from);
    let plain = datagram;
    if (this.#srtp !== null) {
      const result = this.#srtp.unprotectRtcp(datagram);
      if (!result.ok) return;
      plain = result.packet;
    }
    for (const report of readRtcpReports(plain)) {
      this.#peer.reports++;
      const block = report.blocks.find((each) => each.ssrc === ourSsrc >>> 0);
      if (block === undefined) continue;
      this.#peer.aboutUs++;
      // RFC 3550 §6.4.1: extended highest sequence received; with our first sequence known, what arrived of ours.
      const highest = block.extendedHighest;
      this.#peer.packetsReceived = ourFirstSequence === null ? null : Math.max(0, highest - ourFirstSequence + 1 - block.cumulativeLost);
      this.#peer.cumulativeLost = block.cumulativeLost;
      this.#peer.jitter = block.jitter;
    }
  }

  received(): MediaReceived {
    const counts = this.#counts;
    const audio = this.#meter.summary();
    return {
      ...counts,
      otherSource: this.#otherSource,
      lost: this.#stats.snapshot().lost,
      jitterMs: round(this.#stats.jitterMs()),
      firstPacketMs: this.#first === null ? null : Math.round(this.#first),
      lastPacketMs: this.#last === null ? null : Math.round(this.#last),
      payloadTypes: [...this.#payloadTypes],
      dtmf: this.#dtmf.digits(),
      audio: audio.frames === 0 ? null : { frames: audio.frames, nonSilentPercent: round(audio.nonSilentPercent), levelDbfs: audio.levelDbfs === null ? null : round(audio.levelDbfs), tones: audio.tones },
    };
  }

  peerReport(): PeerReport | null {
    const peer = this.#peer;
    if (peer.reports === 0) return null;
    return {
      reports: peer.reports,
      aboutUs: peer.aboutUs,
      packetsReceived: peer.packetsReceived,
      cumulativeLost: peer.cumulativeLost,
      jitterMs: peer.jitter === null ? null : round((peer.jitter * 1000) / 8000),
    };
  }
}

function sameAddress(a: MediaAddress, b: MediaAddress): boolean {
  return a.port === b.port && a.address.replace(/^::ffff:/, "") === b.address.replace(/^::ffff:/, "");
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
