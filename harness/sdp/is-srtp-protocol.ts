/**
 * Whether an m= line's transport protocol is a secure RTP profile.
 *
 * RFC 3711 §1 registers "RTP/SAVP" for SRTP; RFC 5124 adds "RTP/SAVPF"; RFC 5764 and RFC 7850 carry the same profiles
 * over DTLS and TLS ("UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "TCP/TLS/RTP/SAVP" …). All of them end in `SAVP` or
 * `SAVPF`; `RTP/AVP` and `RTP/AVPF` do not, even when the m= section carries `a=crypto` (MS-SDPEXT optional SRTP).
 */
export function isSrtpProtocol(protocol: string): boolean {
  return /(^|\/)SAVPF?$/i.test(protocol.trim());
}
