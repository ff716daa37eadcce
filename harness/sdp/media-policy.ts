import { parseChoice, type ChoiceSource } from "./parse-choice.js";

/**
 * What one side of a call does about SRTP, whatever product vocabulary it came from:
 * - `required`: SRTP must be negotiated or the call fails;
 * - `optional`: SRTP if the peer takes it, RTP otherwise;
 * - `none`: RTP only; an offer that insists on SRTP is refused.
 */
export type MediaPolicy = "required" | "optional" | "none";

/** Every {@link MediaPolicy}, in order of strictness (for CLI choices and validation). */
export const MEDIA_POLICIES: readonly MediaPolicy[] = ["required", "optional", "none"];

/** Reads a media policy case-insensitively; throws `EXUM_BAD_MEDIA_POLICY` naming the valid values. */
export function parseMediaPolicy(text: string, source: ChoiceSource = {}): MediaPolicy {
  return parseChoice(text, MEDIA_POLICIES, "EXUM_BAD_MEDIA_POLICY", "media policy", source);
}
