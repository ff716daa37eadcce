import { createDecipheriv, type DecipherCCM, type DecipherChaCha20Poly1305, type DecipherGCM } from "node:crypto";
import { trafficKeys } from "./hkdf-expand-label.js";
import type { Tls13CipherSuite } from "./tls13-cipher-suite.js";

/** A record's inner plaintext: "struct { opaque content[length]; ContentType type; uint8 zeros[length_of_padding]; }". */
export interface Tls13InnerPlaintext {
  contentType: number;
  content: Buffer;
}

/**
 * Decrypts the records one sender protects with one traffic secret, in order (RFC 8446 §5.2–5.3). Each call
 * consumes one sequence number, as the record layer does; a record that fails authentication throws and the
 * decrypter must not be used further.
 */
export class Tls13RecordDecrypter {
  readonly suite: Tls13CipherSuite;
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private sequence = 0n;

  constructor(suite: Tls13CipherSuite, trafficSecret: Buffer) {
    this.suite = suite;
    const keys = trafficKeys(suite.hash, trafficSecret, suite.keyLength);
    this.key = keys.key;
    this.iv = keys.iv;
  }

  /**
   * "The 64-bit record sequence number is encoded in network byte order and padded to the left with zeros to
   * iv_length. The padded sequence number is XORed with either the static client_write_iv or server_write_iv" —
   * RFC 8446 §5.3.
   */
  nonce(sequence: bigint): Buffer {
    const nonce = Buffer.from(this.iv);
    const padded = Buffer.alloc(nonce.length);
    padded.writeBigUInt64BE(sequence, nonce.length - 8);
    for (let index = 0; index < nonce.length; index += 1) nonce[index] = (nonce[index] ?? 0) ^ (padded[index] ?? 0);
    return nonce;
  }

  /**
   * "additional_data = TLSCiphertext.opaque_type || TLSCiphertext.legacy_record_version || TLSCiphertext.length"
   * (RFC 8446 §5.2): the 5-byte record header. Returns the inner plaintext with its padding stripped.
   */
  decrypt(header: Buffer, encryptedRecord: Buffer): Tls13InnerPlaintext {
    const { tagLength } = this.suite;
    if (encryptedRecord.length < tagLength + 1) throw new Error("record shorter than its authentication tag");
    const nonce = this.nonce(this.sequence);
    this.sequence += 1n;
    const ciphertext = encryptedRecord.subarray(0, encryptedRecord.length - tagLength);
    const tag = encryptedRecord.subarray(encryptedRecord.length - tagLength);
    let plaintext: Buffer;
    if (this.suite.aead === "aes-128-ccm") {
      const decipher: DecipherCCM = createDecipheriv(this.suite.aead, this.key, nonce, { authTagLength: tagLength });
      decipher.setAuthTag(tag);
      decipher.setAAD(header, { plaintextLength: ciphertext.length });
      plaintext = decipher.update(ciphertext);
      decipher.final();
    } else {
      const decipher: DecipherGCM | DecipherChaCha20Poly1305 =
        this.suite.aead === "chacha20-poly1305"
          ? createDecipheriv(this.suite.aead, this.key, nonce, { authTagLength: tagLength })
          : createDecipheriv(this.suite.aead, this.key, nonce, { authTagLength: tagLength });
      decipher.setAAD(header, { plaintextLength: ciphertext.length });
      decipher.setAuthTag(tag);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    }
    // "the type field … and … zeros … Implementations … scan the field from the end toward the beginning until
    // they find a non-zero octet. This non-zero octet is the content type of the message." — RFC 8446 §5.4
    let end = plaintext.length - 1;
    while (end >= 0 && plaintext[end] === 0) end -= 1;
    if (end < 0) throw new Error("inner plaintext has no content type");
    return { contentType: plaintext[end] ?? 0, content: plaintext.subarray(0, end) };
  }
}
