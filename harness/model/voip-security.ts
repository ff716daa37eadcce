/**
 * Exchange UM dial plan `VoIPSecurity`, which is also Exchange's name for what a call negotiated (the "Exchange mode").
 *
 * docs/protocol.md §2 "Exchange UM dial plan VoIPSecurity": `Unsecured` (default) is SIP over TCP and RTP;
 * `SIPSecured` is SIP over mutual TLS and RTP, not encrypted; `Secured` is SIP over mutual TLS and SRTP.
 */
export type VoipSecurity = "Unsecured" | "SIPSecured" | "Secured";

/** Every {@link VoipSecurity} value, the default first. */
export const VOIP_SECURITY_VALUES: readonly VoipSecurity[] = ["Unsecured", "SIPSecured", "Secured"];

/** Exchange's name for what a call negotiated: the {@link VoipSecurity} whose wire it matches. */
export type ExchangeMode = VoipSecurity;
