import type { ReceivedDtmfEvent } from "./received-dtmf-event.js";
import { decodeTelephoneEvent, digitOfEvent } from "./telephone-event.js";

/** One received RTP packet of the telephone-event payload type, as the RTP layer parsed it. */
export interface TelephoneEventPacket {
  timestamp: number;
  marker: boolean;
  payload: Buffer;
  seq: number;
}

export interface DtmfReceiverOptions {
  /**
   * RTP clock of the telephone-event payload type, to turn durations into milliseconds.
   * @defaultValue 8000
   */
  clockRate?: number;
}

/** Collects the digits of one RTP stream's telephone-event packets. */
export interface DtmfReceiver {
  /** One packet of the negotiated telephone-event payload type (the caller filters by payload type and SSRC). */
  push(packet: TelephoneEventPacket): void;
  /** The digits received so far, in the order they started. */
  digits(): string;
  /** Each digit with its timestamp, duration and whether its end was seen, in the order they started. */
  events(): ReceivedDtmfEvent[];
}

interface EventState {
  digit: string;
  timestamp: number;
  duration: number;
  ended: boolean;
  seqs: Set<number>;
}

/**
 * A receiver of RFC 4733 DTMF events, robust to what UDP does to them.
 *
 * RFC 4733 §2.5.1.2: every packet of an event carries the event's start as its RTP timestamp, so an event is one
 * (timestamp, event code) pair however many packets carry it: the two retransmissions of the end packet
 * (§2.5.1.4: "sent a total of three times") and any duplicate are not new digits. An event counts from its first
 * packet to arrive, marker or not: a digit whose first packets or whose end packets were all lost still counts
 * once (its `ended` is false). Digits are ordered by their timestamps, not by arrival, so reordered packets
 * cannot reorder digits; timestamps compare modulo 2^32 (RFC 3550 §5.1), relative to the first event seen.
 *
 * Not handled, as our sender never produces them and Microsoft's endpoints may not (MS-RTPDT §3.1: no redundancy,
 * no duration beyond the 16-bit field): several reports in one packet (§2.5.1.5 and RFC 2198 redundancy; only the
 * first report is read) and the segments of an event longer than 65535 timestamp units (§2.5.1.3, 8.2 s at
 * 8 kHz; each segment would count as a digit). Events that are not DTMF digits (16, flash; the tones of RFC 4734)
 * are ignored. The marker bit is not needed: the timestamp identifies the event even when its first packet is lost.
 */
export function createDtmfReceiver(options: DtmfReceiverOptions = {}): DtmfReceiver {
  const clockRate = options.clockRate ?? 8000;
  if (!(clockRate > 0)) {
    throw new Error(`createDtmfReceiver: clockRate ${clockRate} must be positive (8000 for telephone-event/8000)`);
  }
  const byKey = new Map<string, EventState>();
  let reference: number | null = null;
  let ordered: EventState[] | null = [];
  // Signed distance from the first event's timestamp, so a timestamp that wrapped past 2^32 still sorts after.
  const position = (timestamp: number) => (timestamp - reference!) | 0;
  const inOrder = (): EventState[] =>
    (ordered ??= [...byKey.values()].sort((a, b) => position(a.timestamp) - position(b.timestamp)));

  return {
    push({ timestamp, payload, seq }) {
      const report = decodeTelephoneEvent(payload);
      if (report === null) return;
      const digit = digitOfEvent(report.event);
      if (digit === null) return;
      const key = `${timestamp >>> 0}/${report.event}`;
      let state = byKey.get(key);
      if (state === undefined) {
        reference ??= timestamp >>> 0;
        state = { digit, timestamp: timestamp >>> 0, duration: 0, ended: false, seqs: new Set() };
        byKey.set(key, state);
        ordered = null;
      }
      // Reordered updates may arrive after the end packet: the longest duration reported is the event's.
      state.duration = Math.max(state.duration, report.duration);
      state.ended ||= report.end;
      state.seqs.add(seq);
    },
    digits() {
      return inOrder()
        .map((state) => state.digit)
        .join("");
    },
    events() {
      return inOrder().map((state) => ({
        digit: state.digit,
        timestamp: state.timestamp,
        durationMs: (state.duration * 1000) / clockRate,
        ended: state.ended,
        packets: state.seqs.size,
      }));
    },
  };
}
