import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";

/**
 * Lync/SfB media `EncryptionLevel` (CsMediaConfiguration).
 *
 * PROTOCOL.md §2 "Lync/SfB media EncryptionLevel": "`RequireEncryption` (default): SRTP must be negotiated.
 * `SupportEncryption`: SRTP if it can be negotiated. `DoNotSupportEncryption`: SRTP must not be used."
 */
export type EncryptionLevel = "RequireEncryption" | "SupportEncryption" | "DoNotSupportEncryption";

/** Every {@link EncryptionLevel}, the default first. */
export const ENCRYPTION_LEVELS: readonly EncryptionLevel[] = [
  "RequireEncryption",
  "SupportEncryption",
  "DoNotSupportEncryption",
];

const POLICY: Record<EncryptionLevel, MediaPolicy> = {
  RequireEncryption: "required",
  SupportEncryption: "optional",
  DoNotSupportEncryption: "none",
};

/** The media policy a pool with this EncryptionLevel applies to its offers and answers. */
export function policyForEncryptionLevel(level: EncryptionLevel): MediaPolicy {
  return POLICY[level];
}

/** Reads an EncryptionLevel case-insensitively; throws `EXUM_BAD_ENCRYPTION_LEVEL` naming the valid values. */
export function parseEncryptionLevel(text: string, source: ChoiceSource = {}): EncryptionLevel {
  return parseChoice(text, ENCRYPTION_LEVELS, "EXUM_BAD_ENCRYPTION_LEVEL", "EncryptionLevel", source);
}
