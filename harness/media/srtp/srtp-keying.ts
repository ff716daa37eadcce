import type { SrtpMki } from "./srtp-mki.js";
import { isSupportedSrtpSuite, type SrtpSuiteName } from "./srtp-suite.js";

/**
 * Everything one direction of an SRTP session needs from the negotiated `a=crypto` line: the suite, the master
 * key and salt, and the MKI when the line had one. The offerer's line keys what the offerer sends; the answerer's
 * line keys what the answerer sends (SDES: each side sends with the key it wrote).
 */
export interface SrtpKeying {
  suite: SrtpSuiteName;
  /** 16 bytes. */
  masterKey: Buffer;
  /** 14 bytes. */
  masterSalt: Buffer;
  /** The MKI every packet carries between the Encrypted Portion and the tag, or null when none was negotiated. */
  mki: SrtpMki | null;
}

/**
 * Builds the keying of an `inline:` key. The caller has validated the line (`harness/sdp/crypto-attribute.ts`);
 * this throws a plain `Error` only for input that would otherwise produce wrong keys silently.
 *
 * RFC 4568 §6.1: the key-salt is the master key and the master salt concatenated, base64-encoded; for both suites
 * here that is 16 + 14 = 30 bytes (RFC 4568 §6.2.1, §6.2.2).
 *
 * @param suite the crypto-suite name of the line
 * @param base64KeySalt the text after `inline:` up to the first `|`
 * @param mki the line's `|value:length`, or null
 */
export function srtpKeyingFromInline(suite: string, base64KeySalt: string, mki: SrtpMki | null): SrtpKeying {
  if (!isSupportedSrtpSuite(suite)) {
    throw new Error(
      `SRTP suite ${JSON.stringify(suite)} is not supported; use AES_CM_128_HMAC_SHA1_80 or AES_CM_128_HMAC_SHA1_32`,
    );
  }
  const keySalt = Buffer.from(base64KeySalt, "base64");
  if (keySalt.length !== 30) {
    throw new Error(
      `inline key ${JSON.stringify(base64KeySalt)} decodes to ${keySalt.length} bytes; ${suite} needs 30 ` +
        "(16-byte master key + 14-byte master salt, 40 base64 characters)",
    );
  }
  if (mki !== null && !(Number.isSafeInteger(mki.value) && mki.value >= 0 && Number.isInteger(mki.length) && mki.length >= 1 && mki.length <= 128)) {
    throw new Error(`MKI ${mki.value}:${mki.length} is not a non-negative value with a length of 1 to 128 bytes (RFC 4568 §9.2)`);
  }
  if (mki !== null && mki.length < 7 && mki.value >= 256 ** mki.length) {
    throw new Error(`MKI value ${mki.value} does not fit in ${mki.length} bytes; negotiate a longer MKI`);
  }
  return { suite, masterKey: keySalt.subarray(0, 16), masterSalt: keySalt.subarray(16, 30), mki };
}
