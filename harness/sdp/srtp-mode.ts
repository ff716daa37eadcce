import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";

/**
 * Trunk `SRTPMode` (Mediation Server ↔ gateway/IP-PBX/SBC).
 *
 * PROTOCOL.md §2 "Trunk SRTPMode": "`Required` (default), `Optional`, `NotSupported`. Used only when the trunk is
 * TLS; on a TCP trunk it is forced to `NotSupported`." Forcing it is the caller's job: this layer knows no transport.
 */
export type SrtpMode = "Required" | "Optional" | "NotSupported";

/** Every {@link SrtpMode}, the default first. */
export const SRTP_MODES: readonly SrtpMode[] = ["Required", "Optional", "NotSupported"];

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
