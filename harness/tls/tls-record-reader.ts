/** TLS record content types (RFC 8446 §5.1, RFC 5246 §6.2.1). */
export const ContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;

/** One record as it was on the wire. */
export interface TlsRecord {
  type: number;
  /** legacy_record_version (`0x0303`). */
  version: number;
  /** The 5-byte header: the AEAD's additional data in TLS 1.3. */
  header: Buffer;
  fragment: Buffer;
}

/**
 * "The length MUST NOT exceed 2^14 + 256 bytes" for TLS 1.3 ciphertext (RFC 8446 §5.2); TLS 1.2 allows
 * 2^14 + 2048 (RFC 5246 §6.2.3). Anything longer is not TLS.
 */
const MAX_FRAGMENT = 2 ** 14 + 2048;

/**
 * Splits a byte stream into TLS records, however the stream was chunked. Throws on bytes that cannot be a TLS
 * record header (unknown content type, absurd length): the peer is not speaking TLS.
 */
export class TlsRecordReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): TlsRecord[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const records: TlsRecord[] = [];
    while (this.buffer.length >= 5) {
      const type = this.buffer.readUInt8(0);
      const version = this.buffer.readUInt16BE(1);
      const length = this.buffer.readUInt16BE(3);
      if (type < ContentType.changeCipherSpec || type > ContentType.applicationData) {
        throw new Error(`not a TLS record: content type ${type}`);
      }
      if (version >> 8 !== 3) throw new Error(`not a TLS record: version 0x${version.toString(16)}`);
      if (length > MAX_FRAGMENT) throw new Error(`not a TLS record: length ${length}`);
      if (this.buffer.length < 5 + length) break;
      records.push({
        type,
        version,
        header: Buffer.from(this.buffer.subarray(0, 5)),
        fragment: Buffer.from(this.buffer.subarray(5, 5 + length)),
      });
      this.buffer = this.buffer.subarray(5 + length);
    }
    return records;
  }
}
