import { policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { type EncryptionLevel } from "../model/encryption-level.js";
import { policyForSrtpMode } from "../sdp/srtp-mode.js";
import { type SrtpMode } from "../model/srtp-mode.js";
import type { MediaSetting } from "./plan.js";

/** An EncryptionLevel (pool persona) as a {@link MediaSetting}. */
export function encryptionSetting(value: EncryptionLevel): MediaSetting {
  return { setting: "EncryptionLevel", value, policy: policyForEncryptionLevel(value) };
}

/** A trunk SRTPMode (mediation and gateway personas) as a {@link MediaSetting}. */
export function srtpModeSetting(value: SrtpMode): MediaSetting {
  return { setting: "SRTPMode", value, policy: policyForSrtpMode(value) };
}
