/**
 * The RFC 4733 telephone-event payload (`a=rtpmap:101 telephone-event/8000`), the only way Exchange UM takes DTMF
 * (docs/media.md), and the DTMF digits of its event code table.
 *
 * RFC 4733 §2.3:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     event     |E|R| volume    |          duration             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */

/** One report of a telephone event: the four bytes of RFC 4733 §2.3, decoded. */
export interface TelephoneEvent {
  /** §2.3.1: the event code, 0–255; for DTMF 0–15 (§3.2, `eventOfDigit`). */
  event: number;
  /** §2.3.2: the E bit, set when this packet contains the end of the event. */
  end: boolean;
  /** §2.3.4: the tone's power level in dBm0 with the sign dropped, 0–63 (10 means −10 dBm0). */
  volume: number;
  /** §2.3.5: the duration of the event so far, in RTP timestamp units (8000 per second), 0–65535. */
  duration: number;
}

/** The payload length of one event report; RFC 4733 §2.3. */
export const TELEPHONE_EVENT_LENGTH = 4;

function checkField(name: string, value: number, max: number, hint: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`telephone-event ${name} ${value} must be a whole number from 0 to ${max} (${hint})`);
  }
}

/** The 4-byte payload of one telephone-event packet. Throws on a field that does not fit its bits. */
export function encodeTelephoneEvent(report: TelephoneEvent): Buffer {
  checkField("event", report.event, 255, "DTMF digits are 0-15, see eventOfDigit");
  checkField("volume", report.volume, 63, "dBm0 with the sign dropped, e.g. 10");
  checkField("duration", report.duration, 0xffff, "timestamp units; send a longer event in segments, RFC 4733 §2.5.1.3");
  const payload = Buffer.alloc(TELEPHONE_EVENT_LENGTH);
  payload[0] = report.event;
  // §2.3.3: "The sender MUST set [R] to zero".
  payload[1] = (report.end ? 0x80 : 0) | report.volume;
  payload.writeUInt16BE(report.duration, 2);
  return payload;
}

/**
 * The event report of a telephone-event payload, or null when it is shorter than one report. Of a longer payload
 * (several reports, RFC 4733 §2.5.1.5, or RFC 2198 redundancy) only the first report is read. The R bit is
 * ignored (§2.3.3: the receiver MUST ignore it).
 */
export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < TELEPHONE_EVENT_LENGTH) return null;
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

/** RFC 4733 §3.2 (DTMF events): the digit of each event code 0–15, in code order; 16 (flash) is not a digit. */
const DTMF_DIGITS = "0123456789*#ABCD";

/** The DTMF digit of an event code (`digitOfEvent(11)` is "#"), or null for a code that is not a DTMF digit. */
export function digitOfEvent(code: number): string | null {
  return Number.isInteger(code) && code >= 0 && code < DTMF_DIGITS.length ? DTMF_DIGITS[code]! : null;
}

/** The event code of a DTMF digit (`eventOfDigit("*")` is 10); throws for anything but one of `0-9*#A-D`. */
export function eventOfDigit(digit: string): number {
  const code = digit.length === 1 ? DTMF_DIGITS.indexOf(digit) : -1;
  if (code < 0) {
    throw new Error(`${JSON.stringify(digit)} is not a DTMF digit: use 0-9, *, # or A-D (RFC 4733 §3.2)`);
  }
  return code;
}

/** Whether `text` is one or more DTMF digits, `[0-9*#A-D]+`, for validating what a user typed. */
export function isDtmfDigits(text: string): boolean {
  return /^[0-9*#A-D]+$/.test(text);
}
