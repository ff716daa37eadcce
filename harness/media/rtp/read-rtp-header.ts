/** The RTP header fields SRTP needs (RFC 3550 §5.1), read without copying the packet. */
export interface RtpHeaderFields {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  /** Bytes before the payload: 12 + 4 * CC, plus the header extension when X is set. */
  headerLength: number;
}

/** Why a buffer is not an RTP packet. */
export type RtpHeaderProblem = { ok: false; problem: "too-short" | "not-rtp"; detail: string };

/**
 * Reads the RTP header of `packet` and where its payload starts. SRTP leaves this header in the clear and
 * authenticates it (RFC 3711 §3.1: "The Authenticated Portion of an SRTP packet consists of the RTP header
 * followed by the Encrypted Portion"), so the header length is where encryption starts.
 *
 * RFC 3550 §5.1: "CC: 4 bits. The CSRC count contains the number of CSRC identifiers that follow the fixed
 * header." §5.3.1: "If the X bit in the RTP header is one, a variable-length header extension MUST be appended to
 * the RTP header, following the CSRC list if present. The header extension contains a 16-bit length field that
 * counts the number of 32-bit words in the extension, excluding the four-octet extension header".
 */
export function readRtpHeader(packet: Buffer): { ok: true; header: RtpHeaderFields } | RtpHeaderProblem {
  if (packet.length < 12) {
    return { ok: false, problem: "too-short", detail: `${packet.length} bytes is shorter than the 12-byte RTP header` };
  }
  const first = packet.readUInt8(0);
  if (first >> 6 !== 2) return { ok: false, problem: "not-rtp", detail: `RTP version ${first >> 6}, not 2` };
  let headerLength = 12 + 4 * (first & 0x0f);
  if (first & 0x10) {
    if (packet.length < headerLength + 4) {
      return { ok: false, problem: "not-rtp", detail: `X bit set but no room for the header extension in ${packet.length} bytes` };
    }
    headerLength += 4 + 4 * packet.readUInt16BE(headerLength + 2);
  }
  if (headerLength > packet.length) {
    return { ok: false, problem: "not-rtp", detail: `header of ${headerLength} bytes (CSRCs, extension) is longer than the ${packet.length}-byte packet` };
  }
  const second = packet.readUInt8(1);
  return {
    ok: true,
    header: {
      marker: (second & 0x80) !== 0,
      payloadType: second & 0x7f,
      sequenceNumber: packet.readUInt16BE(2),
      timestamp: packet.readUInt32BE(4),
      ssrc: packet.readUInt32BE(8),
      headerLength,
    },
  };
}
