import { ENCRYPTION_LEVELS, type EncryptionLevel } from "../model/encryption-level.js";
import type { MediaPolicy } from "./media-policy.js";
import { parseChoice, type ChoiceSource } from "./parse-choice.js";


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
