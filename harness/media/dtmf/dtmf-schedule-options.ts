/** How digits are sent as RFC 4733 telephone-events (style.md habit 5: one defaults object, validated once). */
export interface DtmfScheduleOptions {
  /**
   * RTP timestamp at which the first digit starts, on the audio stream's timeline (RFC 4733 §2.5.1.2: the events
   * share the audio stream's timestamp base): the timestamp the next audio packet would have carried.
   */
  startTimestamp: number;
  /**
   * RTP clock of the telephone-event payload type (`a=rtpmap:101 telephone-event/8000`).
   * @defaultValue 8000
   */
  clockRate?: number;
  /**
   * Time between two packets of one event: the update interval of RFC 4733 §2.5.1.2 (the audio packet time).
   * @defaultValue 20
   */
  packetMs?: number;
  /**
   * How long each digit sounds, the final duration of its event (docs/media.md: ~100 ms per digit).
   * @defaultValue 100
   */
  toneMs?: number;
  /**
   * Pause between the end of one digit and the start of the next; at least two packet times, so that the two
   * retransmissions of the end packet go out before the next digit starts.
   * @defaultValue 60
   */
  gapMs?: number;
  /**
   * Power level of the tone in dBm0 with the sign dropped, 0–63 (RFC 4733 §2.3.4).
   * @defaultValue 10
   */
  volume?: number;
}

export const DTMF_SCHEDULE_DEFAULTS: Required<Omit<DtmfScheduleOptions, "startTimestamp">> = {
  clockRate: 8000,
  packetMs: 20,
  toneMs: 100,
  gapMs: 60,
  volume: 10,
};
