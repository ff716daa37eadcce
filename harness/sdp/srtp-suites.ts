/** What this layer knows about one SRTP crypto-suite name used in `a=crypto`. */
export interface SrtpSuiteInfo {
  /** Length in bytes of the master key and master salt concatenated, the `inline:` value once base64-decoded. */
  keySaltBytes: number;
  /** Length in bytes of the authentication tag appended to each SRTP packet. */
  authTagBytes: number;
  /** Where the suite is defined. */
  source: string;
}

/**
 * MS-SDPEXT (supported values for a=crypto): "The only crypto-suite option supported is AES_CM_128_HMAC_SHA1_80."
 * docs/protocol.md §2: "Suite: `AES_CM_128_HMAC_SHA1_80` is the only one Microsoft supports."
 */
export const MICROSOFT_SRTP_SUITE = "AES_CM_128_HMAC_SHA1_80";

/**
 * The suites whose key length and tag length are known here. Other suite names still parse; their keys are not
 * length-checked and their packet overhead is unknown.
 */
export const SRTP_SUITES: Readonly<Record<string, SrtpSuiteInfo>> = {
  // RFC 4568 §6.2.1/§6.2.2: AES counter mode with a 128-bit master key and a 112-bit master salt, HMAC-SHA1
  // authentication tag of 80 bits (_80) or 32 bits (_32).
  AES_CM_128_HMAC_SHA1_80: { keySaltBytes: 30, authTagBytes: 10, source: "RFC 4568 §6.2.1" },
  AES_CM_128_HMAC_SHA1_32: { keySaltBytes: 30, authTagBytes: 4, source: "RFC 4568 §6.2.2" },
  // RFC 6188 §5: 192/256-bit master keys with the same 112-bit salt.
  AES_192_CM_HMAC_SHA1_80: { keySaltBytes: 38, authTagBytes: 10, source: "RFC 6188 §5" },
  AES_192_CM_HMAC_SHA1_32: { keySaltBytes: 38, authTagBytes: 4, source: "RFC 6188 §5" },
  AES_256_CM_HMAC_SHA1_80: { keySaltBytes: 46, authTagBytes: 10, source: "RFC 6188 §5" },
  AES_256_CM_HMAC_SHA1_32: { keySaltBytes: 46, authTagBytes: 4, source: "RFC 6188 §5" },
  // RFC 7714 (AES-GCM for SRTP): 96-bit salt, 16-octet authentication tag.
  AEAD_AES_128_GCM: { keySaltBytes: 28, authTagBytes: 16, source: "RFC 7714" },
  AEAD_AES_256_GCM: { keySaltBytes: 44, authTagBytes: 16, source: "RFC 7714" },
};

/** The known facts about `suite`, or undefined for a suite this layer does not know. */
export function srtpSuiteInfo(suite: string): SrtpSuiteInfo | undefined {
  return Object.hasOwn(SRTP_SUITES, suite) ? SRTP_SUITES[suite] : undefined;
}
