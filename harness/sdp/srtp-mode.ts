import { SRTP_MODES, type SrtpMode } from "../model/srtp-mode.js";
import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";


const POLICY: Record<SrtpMode, MediaPolicy> = {
  Required: "required",
  Optional: "optional",
  NotSupported: "none",
};

/** The media policy a trunk with this SRTPMode applies. */
export function policyForSrtpMode(mode: SrtpMode): MediaPolicy {
  return POLICY[mode];
}

/** Reads an SRTPMode case-insensitively; throws `EXUM_BAD_SRTP_MODE` naming the valid values. */
export function parseSrtpMode(text: string, source: ChoiceSource = {}): SrtpMode {
  return parseChoice(text, SRTP_MODES, "EXUM_BAD_SRTP_MODE", "SRTPMode", source);
}
