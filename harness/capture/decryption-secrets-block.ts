import { encodePcapngBlock, paddedLength } from "./pcapng-block.js";

/** draft-ietf-opsawg-pcapng §4.7: "The block type of the Decryption Secrets Block is 10." */
export const DECRYPTION_SECRETS_BLOCK_TYPE = 0x0000000a;
/**
 * §4.7: "0x544c534b: TLS Key Log. This format is described in [I-D.ietf-tls-keylogfile]. Every line MUST be
 * properly terminated with either carriage return and linefeed ('\r\n') or linefeed ('\n')." ("TLSK" in ASCII.)
 */
export const TLS_KEY_LOG_SECRETS_TYPE = 0x544c534b;

/**
 * A Decryption Secrets Block: Secrets Type, Secrets Length ("the size of the following Secrets field, without any
 * padding octets"), the secrets "padded to a 32-bit boundary", no options ("No DSB-specific options are currently
 * defined"). §4.7: DSBs "SHOULD be written before packet blocks that require those secrets. Tools MAY limit
 * decryption to secrets that appear before packet blocks" — Wireshark does, so the recorder puts them first.
 */
export function encodeDecryptionSecretsBlock(secretsType: number, secrets: Uint8Array): Buffer {
  const body = Buffer.alloc(8 + paddedLength(secrets.length));
  body.writeUInt32LE(secretsType >>> 0, 0);
  body.writeUInt32LE(secrets.length, 4);
  body.set(secrets, 8);
  return encodePcapngBlock(DECRYPTION_SECRETS_BLOCK_TYPE, body);
}
