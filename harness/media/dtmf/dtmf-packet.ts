/**
 * One telephone-event packet to send, as data: the caller wraps `payload` in an RTP header with the negotiated
 * telephone-event payload type, the audio stream's SSRC and its next sequence number, and sends it `atMs` after
 * the digits started.
 */
export interface DtmfPacket {
  /** When to send it, in milliseconds from the start of the first digit. */
  atMs: number;
  /** RTP timestamp: the start of the event, the same in every packet of one digit (RFC 4733 §2.5.1.2). */
  timestamp: number;
  /** RTP marker bit: set on the first packet of each event only (RFC 4733 §2.5.1.2). */
  marker: boolean;
  /** The 4-byte telephone-event payload (telephone-event.ts). */
  payload: Buffer;
  /** The digit this packet belongs to, for the trace ("sent 1"). */
  digit: string;
}
