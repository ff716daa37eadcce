import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";

/**
 * Exchange UM dial plan `VoIPSecurity`.
 *
 * PROTOCOL.md §2 "Exchange UM dial plan VoIPSecurity": `Unsecured` (default) is SIP over TCP and RTP;
 * `SIPSecured` is SIP over mutual TLS and RTP, not encrypted; `Secured` is SIP over mutual TLS and SRTP.
 */
export type VoipSecurity = "Unsecured" | "SIPSecured" | "Secured";

/** Every {@link VoipSecurity} value, the default first. */
export const VOIP_SECURITY_VALUES: readonly VoipSecurity[] = ["Unsecured", "SIPSecured", "Secured"];

/**
 * The media policy of the UM worker process on a dial plan with this VoIPSecurity.
 *
 * PROTOCOL.md §2: Unsecured and SIPSecured: "SRTP not supported"; Secured: "SRTP required".
 * "Exchange never negotiates SRTP *optionally* on a real call: it requires it or refuses it [OBS]."
 */
export function workerPolicyForVoipSecurity(security: VoipSecurity): MediaPolicy {
  return security === "Secured" ? "required" : "none";
}

/** Reads a VoIPSecurity value case-insensitively; throws `EXUM_BAD_VOIP_SECURITY` naming the valid values. */
export function parseVoipSecurity(text: string, source: ChoiceSource = {}): VoipSecurity {
  return parseChoice(text, VOIP_SECURITY_VALUES, "EXUM_BAD_VOIP_SECURITY", "VoIPSecurity", source);
}
