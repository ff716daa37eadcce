import { randomBytes } from "node:crypto";
import { encodeG711 } from "./audio/g711.js";
import { dtmfPackets } from "./dtmf/dtmf-schedule.js";
import type { MediaPlan } from "./media-plan.js";
import { writeRtpPacket } from "./rtp/rtp-packet.js";
import { createSrtpSender } from "./srtp/srtp-sender.js";
import type { SrtpKeying } from "./srtp/srtp-keying.js";

/** G.711 at 8 kHz, 20 ms per packet (RFC 3551 §4.5.14: ptime 20): 160 samples, timestamp + 160. */
export const SAMPLES_PER_PACKET = 160;
export const PACKET_MS = 20;

/** One packet ready for the wire, and whether it carried audio or a digit. */
export interface OutgoingPacket {
  readonly datagram: Buffer;
  /** The RTP packet before SRTP (the same as `datagram` on RTP), for a capture's decrypted view. */
  readonly plain: Buffer;
  readonly kind: "audio" | "dtmf";
}

/**
 * Builds the packets of our stream, one 20 ms slot at a time: the plan's signal as G.711 (looped), RFC 4733 events
 * in the slots the DTMF schedule gives (audio is not sent while an event lasts, RFC 4733 §2.5.1.2 "the sender
 * SHOULD NOT send audio during the event"), sequence numbers continuous across both (RFC 3550 §5.1), SRTP applied
 * with our key and MKI when agreed (or mangled as a fault says).
 */
export class MediaSender {
  readonly ssrc = randomBytes(4).readUInt32BE(0);
  /** RFC 3550 §5.1: the initial sequence number and timestamp "SHOULD be random". */
  readonly firstSequence = randomBytes(2).readUInt16BE(0);
  readonly #firstTimestamp = randomBytes(4).readUInt32BE(0);
  readonly #plan: MediaPlan;
  readonly #protect: ((packet: Buffer) => Buffer) | null;
  readonly #protectRtcp: ((packet: Buffer) => Buffer) | null;
  readonly #dtmfBySlot = new Map<number, { timestamp: number; marker: boolean; payload: Buffer }[]>();
  readonly #dtmfSpans: { from: number; to: number }[] = [];
  #sequence: number;
  #signal: Int16Array;
  #signalSlot = 0;
  #talkspurt = true;
  packets = 0;
  bytes = 0;
  dtmfSent = "";
  readonly #dtmfDigitsBySlot = new Map<number, string>();

  constructor(plan: MediaPlan) {
    this.#plan = plan;
    this.#sequence = this.firstSequence;
    this.#signal = plan.signal;
    const srtp = plan.srtp;
    const faults = plan.faults ?? {};
    if (srtp === null || faults.plainRtp === true) {
      this.#protect = null;
      this.#protectRtcp = null;
    } else {
      let keying: SrtpKeying = srtp.send;
      if (faults.wrongKey === true) keying = { ...keying, masterKey: randomBytes(keying.masterKey.length), masterSalt: randomBytes(keying.masterSalt.length) };
      if (faults.omitMki === true) keying = { ...keying, mki: null };
      const sender = createSrtpSender(keying);
      this.#protect = (packet) => sender.protectRtp(packet);
      this.#protectRtcp = (packet) => sender.protectRtcp(packet);
    }
    if (plan.dtmf && plan.dtmf.digits !== "" && plan.telephoneEvent !== null) this.#scheduleDtmf(plan.dtmf.digits, plan.dtmf.atMs);
  }

  /** Plays another signal from the next slot on (the lab's prompts: greeting, PIN prompt, logon). */
  play(signal: Int16Array): void {
    this.#signal = signal;
    this.#signalSlot = 0;
  }

  #scheduleDtmf(digits: string, atMs: number): void {
    const startSlot = Math.max(1, Math.ceil(atMs / PACKET_MS));
    const packets = dtmfPackets(digits, { startTimestamp: this.#timestampOf(startSlot), packetMs: PACKET_MS });
    const byTimestamp = new Map<number, number[]>();
    for (const packet of packets) {
      const slot = startSlot + Math.round(packet.atMs / PACKET_MS);
      const list = this.#dtmfBySlot.get(slot) ?? [];
      list.push({ timestamp: packet.timestamp, marker: packet.marker, payload: packet.payload });
      this.#dtmfBySlot.set(slot, list);
      const slots = byTimestamp.get(packet.timestamp) ?? [];
      slots.push(slot);
      byTimestamp.set(packet.timestamp, slots);
    }
    let index = 0;
    for (const slots of byTimestamp.values()) {
      const from = Math.min(...slots);
      this.#dtmfSpans.push({ from, to: Math.max(...slots) });
      this.#dtmfDigitsBySlot.set(from, digits[index++] ?? "");
    }
  }

  #timestampOf(slot: number): number {
    return (this.#firstTimestamp + slot * SAMPLES_PER_PACKET) >>> 0;
  }

  /** The packets of slot `slot` (slot 0 starts at the answer). */
  slot(slot: number): OutgoingPacket[] {
    const out = this.#dtmfOf(slot);
    if (this.#dtmfSpans.some((span) => slot >= span.from && slot <= span.to)) {
      this.#talkspurt = true;
      return out;
    }
    const frame = frameOf(this.#signal, this.#signalSlot++);
    out.push({ ...this.#packet(this.#plan.payloadType, this.#timestampOf(slot), this.#talkspurt, encodeG711(this.#plan.codec, frame)), kind: "audio" });
    this.#talkspurt = false;
    return out;
  }

  /**
   * A slot skipped after a stall (media-session.ts): its audio is dropped, as a late frame is useless, but its RFC
   * 4733 packets are sent late rather than never. A digit whose packets all fell in a stall was lost outright (a
   * loaded run's `dtmfSent` read `10011234#` for `1001#1234#`); an event packet names its own start timestamp and
   * duration (RFC 4733 §2.5.1.1), so a late one still says which digit and for how long.
   */
  skipped(slot: number): OutgoingPacket[] {
    return this.#dtmfOf(slot);
  }

  #dtmfOf(slot: number): OutgoingPacket[] {
    const out: OutgoingPacket[] = [];
    for (const event of this.#dtmfBySlot.get(slot) ?? []) {
      out.push({ ...this.#packet(this.#plan.telephoneEvent ?? 101, event.timestamp, event.marker, event.payload), kind: "dtmf" });
    }
    const digit = this.#dtmfDigitsBySlot.get(slot);
    if (digit !== undefined) this.dtmfSent += digit;
    return out;
  }

  #packet(payloadType: number, timestamp: number, marker: boolean, payload: Uint8Array): { datagram: Buffer; plain: Buffer } {
    const plain = writeRtpPacket({ payloadType, sequence: this.#sequence, timestamp, ssrc: this.ssrc, marker, payload });
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.packets++;
    const datagram = this.#protect === null ? plain : this.#protect(plain);
    this.bytes += datagram.length;
    return { datagram, plain };
  }

  /** The RTP timestamp of slot `slot`, for a sender report. */
  rtpTimestamp(slot: number): number {
    return this.#timestampOf(slot);
  }

  /** An RTCP packet protected as our RTP is (SRTCP with the same key, RFC 3711 §3.4). */
  protectRtcp(packet: Buffer): Buffer {
    return this.#protectRtcp === null ? packet : this.#protectRtcp(packet);
  }
}

/** The `index`-th 20 ms frame of `signal`, looping (silence for an empty signal). */
function frameOf(signal: Int16Array, index: number): Int16Array {
  const frame = new Int16Array(SAMPLES_PER_PACKET);
  if (signal.length === 0) return frame;
  let at = (index * SAMPLES_PER_PACKET) % signal.length;
  for (let i = 0; i < SAMPLES_PER_PACKET; i++) {
    frame[i] = signal[at]!;
    at = at + 1 === signal.length ? 0 : at + 1;
  }
  return frame;
}
