import type { MediaProtection, Signaling } from "../model/signaling.js";
import type { VoipSecurity } from "../model/voip-security.js";

/**
 * The Exchange name for what was negotiated, from the signalling transport and the media.
 *
 * docs/protocol.md §2 "Exchange UM dial plan VoIPSecurity": `Unsecured` is SIP over TCP and RTP; `SIPSecured` is SIP over
 * (mutual) TLS and RTP; `Secured` is SIP over (mutual) TLS and SRTP. One-way TLS is named like mutual TLS: the name
 * describes what the wire carried, whether Exchange would have let the call in is a separate verdict.
 *
 * TCP with SRTP is null: no dial plan setting produces it. With SDES (RFC 4568) the SRTP keys travel in the SDP, so
 * over plain TCP anyone on the path can read them; RFC 4568 §8 (Security Considerations) requires the SDP carrying
 * them to be protected, and Exchange only negotiates SRTP on `Secured` dial plans, which require mutual TLS.
 * No media negotiated is null too.
 */
export function exchangeSecurityMode(signaling: Signaling, media: MediaProtection | null): VoipSecurity | null {
  if (media === null) return null;
  if (signaling === "tcp") return media === "rtp" ? "Unsecured" : null;
  return media === "rtp" ? "SIPSecured" : "Secured";
}
