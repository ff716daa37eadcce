/** One DTMF digit as received: one telephone event, however many of its packets arrived. */
export interface ReceivedDtmfEvent {
  /** The digit, `0-9`, `*`, `#` or `A-D`. */
  digit: string;
  /** RTP timestamp of the event's start, which identifies it (RFC 4733 §2.5.1.2). */
  timestamp: number;
  /** The longest duration reported for it, in milliseconds. */
  durationMs: number;
  /** Whether a packet with the E bit arrived; false when every end packet was lost (the digit still counts). */
  ended: boolean;
  /** How many distinct packets (by RTP sequence number) of it arrived: 7 for a 100 ms digit sent in full. */
  packets: number;
}
