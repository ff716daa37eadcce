import type { DtmfPacket } from "./dtmf-packet.js";
import { DTMF_SCHEDULE_DEFAULTS, type DtmfScheduleOptions } from "./dtmf-schedule-options.js";
import { encodeTelephoneEvent, eventOfDigit, isDtmfDigits } from "./telephone-event.js";

type Settings = Required<DtmfScheduleOptions>;

function validate(options: Partial<DtmfScheduleOptions>): Settings {
  // A field given as undefined takes its default, as an absent one does.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const merged: Settings = { startTimestamp: 0, ...DTMF_SCHEDULE_DEFAULTS, ...given };
  const { startTimestamp, clockRate, packetMs, toneMs, gapMs, volume } = merged;
  const problems: string[] = [];
  const whole = (name: string, value: number, min: number, hint: string) => {
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} ${value} must be a whole number ≥ ${min} (${hint})`);
    }
  };
  whole("clockRate", clockRate, 1, "8000 for telephone-event/8000");
  whole("packetMs", packetMs, 1, "e.g. 20");
  whole("toneMs", toneMs, 1, "e.g. 100");
  whole("gapMs", gapMs, 2 * packetMs, "two packet times, so the end packet's two retransmissions precede the next digit");
  if (!Number.isInteger(startTimestamp) || startTimestamp < 0 || startTimestamp > 0xffffffff) {
    problems.push(`startTimestamp ${startTimestamp} must be a 32-bit RTP timestamp, 0 to 4294967295`);
  }
  if (!Number.isInteger(volume) || volume < 0 || volume > 63) {
    problems.push(`volume ${volume} must be 0 to 63 (dBm0 with the sign dropped, e.g. 10)`);
  }
  for (const [name, ms] of [["packetMs", packetMs], ["toneMs", toneMs], ["gapMs", gapMs]] as const) {
    if (!Number.isInteger((ms * clockRate) / 1000)) {
      problems.push(`${name} ${ms} is not a whole number of ticks of the ${clockRate} Hz clock`);
    }
  }
  const longest = Math.floor((0xffff * 1000) / clockRate);
  if (toneMs > longest) problems.push(`toneMs ${toneMs} is longer than one event's 16-bit duration allows (${longest} ms)`);
  if (problems.length > 0) throw new Error(`DTMF schedule: ${problems.join("; ")}`);
  return merged;
}

/** Each digit with its event code, or an error naming the first character that is not a DTMF digit and where. */
function events(digits: string): { digit: string; event: number }[] {
  return [...digits].map((digit, index) => {
    if (!isDtmfDigits(digit)) {
      throw new Error(
        `DTMF digits ${JSON.stringify(digits)}: character ${index + 1}, ${JSON.stringify(digit)}, is not a DTMF digit: ` +
          "use 0-9, *, # or A-D (RFC 4733 §3.2)",
      );
    }
    return { digit, event: eventOfDigit(digit) };
  });
}

/**
 * The telephone-event packets that send `digits`, in sending order, as pure data: the caller schedules them.
 *
 * RFC 4733 §2.5.1.2 (paraphrased): the first packet of an event carries the RTP marker bit; every packet of the
 * event carries the event's start as its RTP timestamp, and the duration so far, which grows with each update.
 * Here an update goes out every `packetMs`, packet i of a digit reporting (i + 1) packet times (never zero,
 * MS-RTPDT §3.1: no zero-duration events), until the final packet with the E bit and the full `toneMs`.
 *
 * RFC 4733 §2.5.1.4: "The final packet for each event and for each segment SHOULD be sent a total of three times
 * at the interval used by the source for updates", and "Once the sender has set the E bit for a packet, it MUST
 * continue to set the E bit for any further retransmissions of that packet": the end packet is here three times,
 * one packet time apart, with the same timestamp and duration. The next digit starts `toneMs + gapMs` after this
 * one, in time and in timestamp units, which is where sippy_cup went wrong (docs/media.md).
 *
 * What the caller must do (it owns the RTP stream): give each packet, retransmissions included, the audio stream's
 * next sequence number so the numbers stay continuous (RFC 4733 §2.5.1.6), use the audio stream's SSRC, take
 * `startTimestamp` from the audio stream's own timeline and keep that timeline running (audio resumes at the
 * timestamp that matches the time elapsed, not where the digits started), and send these events in place of
 * the audio frames while a digit sounds, not an in-band copy of the tone as well.
 */
export function dtmfPackets(digits: string, options: DtmfScheduleOptions): DtmfPacket[] {
  const { startTimestamp, clockRate, packetMs, toneMs, gapMs, volume } = validate(options);
  const ticks = (ms: number) => (ms * clockRate) / 1000;
  const packetsPerTone = Math.ceil(toneMs / packetMs);
  const packets: DtmfPacket[] = [];
  events(digits).forEach(({ digit, event }, index) => {
    const startMs = index * (toneMs + gapMs);
    const timestamp = (startTimestamp + ticks(startMs)) % 2 ** 32;
    for (let i = 0; i < packetsPerTone - 1; i++) {
      const payload = encodeTelephoneEvent({ event, end: false, volume, duration: ticks((i + 1) * packetMs) });
      packets.push({ atMs: startMs + i * packetMs, timestamp, marker: i === 0, payload, digit });
    }
    const final = encodeTelephoneEvent({ event, end: true, volume, duration: ticks(toneMs) });
    for (let copy = 0; copy < 3; copy++) {
      const i = packetsPerTone - 1 + copy;
      packets.push({ atMs: startMs + i * packetMs, timestamp, marker: i === 0, payload: Buffer.from(final), digit });
    }
  });
  return packets;
}

/**
 * How long sending `digits` takes, in milliseconds: each digit's tone and the gap after it. Every packet of
 * `dtmfPackets` goes out before this time, so it is when the caller may send the next digits.
 */
export function dtmfDurationMs(digits: string, options: Omit<DtmfScheduleOptions, "startTimestamp"> = {}): number {
  const { toneMs, gapMs } = validate(options);
  return events(digits).length * (toneMs + gapMs);
}
