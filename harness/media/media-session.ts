import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { performance } from "node:perf_hooks";
import type { MediaAddress, MediaEvidence } from "../model/media-evidence.js";
import type { PacketCapture } from "../model/packet-capture.js";
import { judgeMedia } from "./judge-media.js";
import type { MediaPlan } from "./media-plan.js";
import { MediaReceiver, type MediaPort } from "./media-receiver.js";
import { MediaSender, PACKET_MS, type OutgoingPacket } from "./media-sender.js";
import { TimelineCounter } from "./media-timeline.js";
import { bindRtpPair, type RtpSocketPair } from "./rtp/bind-rtp-pair.js";
import { writeRtcpReport } from "./rtp/rtcp-packet.js";

/** At most this many datagrams are kept from before the plan is known (the peer may start before its answer arrives). */
const EARLY_LIMIT = 200;
/** At most this many slots are sent in one burst when the event loop was late: the rest are skipped, not bunched. */
const MAX_BURST = 5;

/**
 * One side's media for one call (docs/media.md §6): the RTP/RTCP port pair bound before the SDP is written, then,
 * once the offer and answer fix the plan, 20 ms packets sent from the answer to the end of the call and everything
 * that arrives read and counted. `stop()` returns the evidence, judged.
 */
export class MediaSession {
  readonly #pair: RtpSocketPair;
  #plan: MediaPlan | null = null;
  #sender: MediaSender | null = null;
  #receiver: MediaReceiver | null = null;
  #timeline = new TimelineCounter();
  #startedAt = 0;
  #slot = 0;
  #timer: NodeJS.Timeout | null = null;
  #rtcpTimer: NodeJS.Timeout | null = null;
  #early: { datagram: Buffer; from: MediaAddress; port: MediaPort }[] = [];
  #sendErrors = 0;
  #rtcpSent = 0;
  #stoppedSending = false;
  #other: Socket | null = null;
  #closed = false;
  /** Every datagram sent and received, and the RTP exum decrypted, for a capture (docs/media.md §9); null: none. */
  capture: PacketCapture | null = null;
  onDigit: ((digits: string) => void) | null = null;

  private constructor(pair: RtpSocketPair) {
    this.#pair = pair;
    pair.rtp.on("message", (message, info) => this.#arrived(message, info, "rtp"));
    pair.rtcp.on("message", (message, info) => this.#arrived(message, info, "rtcp"));
    // A send to a closed port comes back as an error event on some systems: counted, never thrown.
    pair.rtp.on("error", () => this.#sendErrors++);
    pair.rtcp.on("error", () => undefined);
  }

  /** Binds the RTP/RTCP port pair on `address` (our signalling address, so the SDP's c= is where we listen). */
  static async open(address: string): Promise<MediaSession> {
    return new MediaSession(await bindRtpPair(address));
  }

  get local(): MediaAddress {
    return { address: this.#pair.address, port: this.#pair.port };
  }

  /** Starts sending and reading per the plan: from now until {@link stop}. */
  start(plan: MediaPlan): void {
    if (this.#closed || this.#plan !== null) return;
    this.#plan = plan;
    this.#sender = new MediaSender(plan);
    this.#receiver = new MediaReceiver(plan, this.#timeline);
    this.#receiver.onDigit = (digits) => this.onDigit?.(digits);
    this.#startedAt = performance.now();
    if (plan.faults?.fromOtherPort === true) {
      this.#other = createSocket(this.#pair.address.includes(":") ? "udp6" : "udp4");
      this.#other.on("error", () => this.#sendErrors++);
      this.#other.bind(0, this.#pair.address);
    }
    for (const early of this.#early) this.#receiver.push(early.datagram, early.from, early.port, 0, this.#sender.ssrc, this.#sender.firstSequence);
    this.#early = [];
    if (plan.faults?.silent !== true) {
      this.#tick();
      const interval = plan.rtcpIntervalMs ?? 1000;
      this.#rtcpTimer = setInterval(() => this.#sendRtcp(), interval);
    }
  }

  /** Plays another signal (the lab's prompts). */
  play(signal: Int16Array): void {
    this.#sender?.play(signal);
  }

  #elapsed(): number {
    return performance.now() - this.#startedAt;
  }

  #tick(): void {
    if (this.#closed || this.#sender === null || this.#plan === null) return;
    const stopAfter = this.#plan.faults?.stopAfterMs ?? null;
    const due = Math.floor(this.#elapsed() / PACKET_MS);
    const stopped = (slot: number): boolean => stopAfter !== null && slot * PACKET_MS >= stopAfter;
    // After a stall the slots beyond MAX_BURST are skipped: their audio is dropped, their digits sent (media-sender.ts).
    for (; due - this.#slot > MAX_BURST && !stopped(this.#slot); this.#slot++) {
      for (const packet of this.#sender.skipped(this.#slot)) this.#emit(packet, this.#slot * PACKET_MS);
    }
    while (this.#slot <= due) {
      if (stopped(this.#slot)) {
        this.#stoppedSending = true;
        break;
      }
      for (const packet of this.#sender.slot(this.#slot)) this.#emit(packet, this.#slot * PACKET_MS);
      this.#slot++;
    }
    if (this.#stoppedSending) return;
    // Wake at the next slot's due time (drift-free: the slot clock is the start time, not the last wake).
    const wait = Math.max(1, this.#startedAt + this.#slot * PACKET_MS - performance.now());
    this.#timer = setTimeout(() => this.#tick(), wait);
  }

  /** One packet of our stream onto the wire (and into the capture, decrypted as well where SRTP was agreed). */
  #emit(packet: OutgoingPacket, atMs: number): void {
    if (this.#plan === null) return;
    this.#timeline.sent(atMs);
    this.#send(packet.datagram, this.#plan.remote, "rtp");
    if (this.capture !== null && this.#plan.srtp !== null) this.capture.decryptedRtp(this.#sourceOf("rtp"), this.#plan.remote, packet.plain);
  }

  /** Sends from our RTP or RTCP port (or, with the fault, from another one). */
  #send(datagram: Buffer, to: MediaAddress, via: MediaPort): void {
    const socket = this.#other ?? (via === "rtp" ? this.#pair.rtp : this.#pair.rtcp);
    try {
      socket.send(datagram, to.port, to.address, (error) => {
        if (error) this.#sendErrors++;
      });
    } catch {
      this.#sendErrors++;
      return;
    }
    this.capture?.udp(this.#sourceOf(via), to, datagram);
  }

  /** The address and port a datagram of ours leaves from. */
  #sourceOf(via: MediaPort): MediaAddress {
    if (this.#other !== null) return { address: this.#pair.address, port: this.#other.address().port };
    return via === "rtp" ? this.local : { address: this.#pair.address, port: this.#pair.port + 1 };
  }

  #sendRtcp(): void {
    if (this.#closed || this.#sender === null || this.#receiver === null || this.#plan === null || this.#stoppedSending) return;
    const receiver = this.#receiver;
    const snapshot = receiver.stats().snapshot();
    const peerSsrc = receiver.ssrc;
    const deaf = this.#plan.faults?.deaf === true;
    const block =
      peerSsrc === null || snapshot.extendedHighest === null || deaf
        ? null
        : { ssrc: peerSsrc, fractionLost: 0, cumulativeLost: snapshot.lost, extendedHighest: snapshot.extendedHighest, jitter: snapshot.jitter };
    const report = writeRtcpReport({
      ssrc: this.#sender.ssrc,
      sender: { packets: this.#sender.packets, octets: this.#sender.packets * 160, rtpTimestamp: this.#sender.rtpTimestamp(this.#slot) },
      block,
      nowMs: Date.now(),
    });
    const to = this.#plan.rtcpMux ? this.#plan.remote : this.#plan.remoteRtcp;
    this.#rtcpSent++;
    this.#send(this.#sender.protectRtcp(report), to, this.#plan.rtcpMux ? "rtp" : "rtcp");
  }

  #arrived(message: Buffer, info: RemoteInfo, port: MediaPort): void {
    if (this.#closed) return;
    const from = { address: info.address, port: info.port };
    const local = port === "rtp" ? this.local : { address: this.#pair.address, port: this.#pair.port + 1 };
    this.capture?.udp(from, local, message);
    if (this.#plan?.faults?.deaf === true) return;
    if (this.#receiver === null || this.#sender === null) {
      if (this.#early.length < EARLY_LIMIT) this.#early.push({ datagram: message, from, port });
      return;
    }
    const plain = this.#receiver.push(message, from, port, this.#elapsed(), this.#sender.ssrc, this.#sender.firstSequence);
    if (plain !== null && this.capture !== null && this.#plan?.srtp != null) this.capture.decryptedRtp(from, local, plain);
  }

  /** Stops sending, closes the ports and returns what was measured; null when the media never started. */
  async stop(): Promise<MediaEvidence | null> {
    if (this.#closed) return null;
    const durationMs = this.#plan === null ? 0 : this.#elapsed();
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#rtcpTimer !== null) clearInterval(this.#rtcpTimer);
    await Promise.all([this.#pair.rtp, this.#pair.rtcp, ...(this.#other === null ? [] : [this.#other])].map((socket) => closeQuietly(socket)));
    const plan = this.#plan;
    const sender = this.#sender;
    const receiver = this.#receiver;
    if (plan === null || sender === null || receiver === null) return null;
    const measured = {
      protection: plan.srtp === null ? ("rtp" as const) : ("srtp" as const),
      suite: plan.srtp?.suite ?? null,
      mki: { sent: plan.srtp?.send.mki ?? null, received: plan.srtp?.receive.mki ?? null },
      codec: plan.codec,
      telephoneEvent: plan.telephoneEvent,
      rtcpMux: plan.rtcpMux,
      local: this.local,
      remote: plan.remote,
      durationMs: Math.round(durationMs),
      sent: { packets: sender.packets, bytes: sender.bytes, rtcpPackets: this.#rtcpSent, dtmf: sender.dtmfSent, errors: this.#sendErrors },
      received: receiver.received(),
      peerReport: receiver.peerReport(),
      timeline: this.#timeline.timeline(durationMs),
    };
    return { ...measured, ...judgeMedia(measured) };
  }
}

function closeQuietly(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
