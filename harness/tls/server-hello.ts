/** The facts of a ServerHello this layer needs. */
export interface ServerHello {
  /** legacy_version (`0x0303` for TLS 1.2 and 1.3). */
  legacyVersion: number;
  /** The supported_versions extension's selected_version (`0x0304` for TLS 1.3), or null. */
  selectedVersion: number | null;
  cipherSuite: number;
  /** This is a HelloRetryRequest, not a ServerHello (RFC 8446 §4.1.3). */
  helloRetryRequest: boolean;
}

/**
 * "For reasons of backward compatibility with middleboxes … the HelloRetryRequest message uses the same structure
 * as the ServerHello, but with Random set to the special value of the SHA-256 of 'HelloRetryRequest'" —
 * RFC 8446 §4.1.3.
 */
const HELLO_RETRY_REQUEST_RANDOM = Buffer.from(
  "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c",
  "hex",
);
const SUPPORTED_VERSIONS = 43;

/**
 * Parses a ServerHello body (RFC 8446 §4.1.3; RFC 5246 §7.4.1.3, where extensions are optional).
 * Throws on a truncated body.
 */
export function parseServerHello(body: Buffer): ServerHello {
  let offset = 0;
  const need = (count: number): void => {
    if (offset + count > body.length) throw new Error("truncated ServerHello");
  };
  need(2 + 32 + 1);
  const legacyVersion = body.readUInt16BE(offset);
  const random = body.subarray(offset + 2, offset + 34);
  offset += 34;
  const sessionIdLength = body.readUInt8(offset);
  offset += 1 + sessionIdLength;
  need(3);
  const cipherSuite = body.readUInt16BE(offset);
  offset += 3; // cipher_suite, legacy_compression_method
  let selectedVersion: number | null = null;
  if (offset + 2 <= body.length) {
    const extensionsEnd = offset + 2 + body.readUInt16BE(offset);
    offset += 2;
    if (extensionsEnd > body.length) throw new Error("truncated ServerHello");
    while (offset + 4 <= extensionsEnd) {
      const type = body.readUInt16BE(offset);
      const length = body.readUInt16BE(offset + 2);
      offset += 4;
      need(length);
      if (type === SUPPORTED_VERSIONS && length === 2) selectedVersion = body.readUInt16BE(offset);
      offset += length;
    }
  }
  return { legacyVersion, selectedVersion, cipherSuite, helloRetryRequest: random.equals(HELLO_RETRY_REQUEST_RANDOM) };
}

/** `0x0304` → `"TLSv1.3"`, the names node:tls uses. */
export function protocolName(version: number): string {
  switch (version) {
    case 0x0304:
      return "TLSv1.3";
    case 0x0303:
      return "TLSv1.2";
    case 0x0302:
      return "TLSv1.1";
    case 0x0301:
      return "TLSv1";
    case 0x0300:
      return "SSLv3";
    default:
      return `0x${version.toString(16).padStart(4, "0")}`;
  }
}
