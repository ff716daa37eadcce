/** What arrived on our RTP port during a call: evidence beside the SDP, never a substitute for it. */
export interface MediaObservation {
  readonly port: number;
  readonly packets: number;
  readonly bytes: number;
  /** Sizes of the first few packets (an SRTP packet with the _80 suite is the RTP packet + 10 bytes). */
  readonly firstSizes: number[];
  /** RTP payload type of the first packet (the low 7 bits of its second byte), or null. */
  readonly firstPayloadType: number | null;
}
