import { srtpSuiteInfo } from "./srtp-suites.js";

/**
 * How many bytes an SRTP packet carries beyond the RTP packet it protects, for media evidence ("the packets are
 * 10 bytes longer than RTP, so they are SRTP").
 *
 * RFC 3711 §3.1 (SRTP packet format): the RTP header and an encrypted payload of the same length, followed by the
 * optional MKI and the recommended authentication tag. docs/protocol.md §2: "an SRTP packet with the _80 suite is the RTP
 * packet plus a 10-byte authentication tag." With an MKI (Lync writes `|1:1`) the packet grows by its length too.
 *
 * @param suite the crypto-suite of the negotiated `a=crypto` line
 * @param mkiLength the MKI length in bytes of that line, 0 when it had none
 * @returns tag + MKI bytes (10 for AES_CM_128_HMAC_SHA1_80, 4 for AES_CM_128_HMAC_SHA1_32), or null for an unknown suite
 */
export function srtpPacketOverhead(suite: string, mkiLength = 0): number | null {
  const info = srtpSuiteInfo(suite);
  return info === undefined ? null : info.authTagBytes + mkiLength;
}
