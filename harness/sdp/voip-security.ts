import { VOIP_SECURITY_VALUES, type VoipSecurity } from "../model/voip-security.js";
import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";


/**
 * The media policy of the UM worker process on a dial plan with this VoIPSecurity.
 *
 * docs/protocol.md §2: Unsecured and SIPSecured: "SRTP not supported"; Secured: "SRTP required".
 * "Exchange never negotiates SRTP *optionally* on a real call: it requires it or refuses it [OBS]."
 */
export function workerPolicyForVoipSecurity(security: VoipSecurity): MediaPolicy {
  return security === "Secured" ? "required" : "none";
}

/** Reads a VoIPSecurity value case-insensitively; throws `EXUM_BAD_VOIP_SECURITY` naming the valid values. */
export function parseVoipSecurity(text: string, source: ChoiceSource = {}): VoipSecurity {
  return parseChoice(text, VOIP_SECURITY_VALUES, "EXUM_BAD_VOIP_SECURITY", "VoIPSecurity", source);
}
