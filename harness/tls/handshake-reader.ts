/** Handshake message types this layer looks at (RFC 8446 §4, RFC 5246 §7.4). */
export const HandshakeType = {
  serverHello: 2,
  encryptedExtensions: 8,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  finished: 20,
} as const;

/** One handshake message: "struct { HandshakeType msg_type; uint24 length; … body }" (RFC 8446 §4). */
export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/** A bound on one message: certificate chains are the largest, far below this. */
const MAX_MESSAGE = 1 << 20;

/** Reassembles handshake messages from the handshake records' fragments (a message may span records). */
export class HandshakeReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(fragment: Buffer): HandshakeMessage[] {
    this.buffer = this.buffer.length === 0 ? fragment : Buffer.concat([this.buffer, fragment]);
    const messages: HandshakeMessage[] = [];
    while (this.buffer.length >= 4) {
      const type = this.buffer.readUInt8(0);
      const length = this.buffer.readUIntBE(1, 3);
      if (length > MAX_MESSAGE) throw new Error(`handshake message of ${length} bytes`);
      if (this.buffer.length < 4 + length) break;
      messages.push({ type, body: Buffer.from(this.buffer.subarray(4, 4 + length)) });
      this.buffer = this.buffer.subarray(4 + length);
    }
    return messages;
  }

  /** Bytes of a message still incomplete. */
  get pending(): number {
    return this.buffer.length;
  }
}
