import { createDecipheriv, createHmac } from "node:crypto";

/**
 * What the server's side of a TLS handshake showed, read from the raw bytes it sent. Node tells a TLS client
 * nothing about a CertificateRequest (PEERS.md: "visible in Node on the server side only"), so `certs lint`
 * reads it itself: in TLS 1.2 the handshake is plaintext; in TLS 1.3 it decrypts the server's handshake flight
 * with the SERVER_HANDSHAKE_TRAFFIC_SECRET from Node's `keylog` event (RFC 8446 §7.1, §7.3, §5.2).
 */
export interface ServerHandshake {
  /** `TLSv1.2` / `TLSv1.3` from the ServerHello, when one was seen. */
  readonly version: string | undefined;
  /** IANA cipher suite number. */
  readonly cipherSuite: number | undefined;
  /** Whether a CertificateRequest (handshake type 13) was sent; `undefined` when it could not be read. */
  readonly certificateRequested: boolean | undefined;
  /** DER of each certificate in the server's Certificate message, leaf first. */
  readonly certificates: Buffer[];
}

const CONTENT_CHANGE_CIPHER_SPEC = 20;
const CONTENT_ALERT = 21;
const CONTENT_HANDSHAKE = 22;
const CONTENT_APPLICATION_DATA = 23;

const HS_SERVER_HELLO = 2;
const HS_CERTIFICATE = 11;
const HS_CERTIFICATE_REQUEST = 13;
const HS_SERVER_HELLO_DONE = 14;
const HS_FINISHED = 20;

/** RFC 8446 §4.1.3: the ServerHello.random of a HelloRetryRequest. */
const HELLO_RETRY_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

/** RFC 8446 Appendix B.4 suites: cipher, hash, key length. */
const TLS13_SUITES: Record<number, { cipher: string; hash: string; keyLength: number }> = {
  0x1301: { cipher: "aes-128-gcm", hash: "sha256", keyLength: 16 },
  0x1302: { cipher: "aes-256-gcm", hash: "sha384", keyLength: 32 },
  0x1303: { cipher: "chacha20-poly1305", hash: "sha256", keyLength: 32 },
};

interface TlsRecord {
  readonly type: number;
  readonly header: Buffer;
  readonly fragment: Buffer;
}

/** Reads the server's handshake from the bytes it sent and the key log lines Node emitted for the connection. */
export function readServerHandshake(serverBytes: Buffer, keylogLines: readonly string[]): ServerHandshake {
  const records = splitRecords(serverBytes);
  const plain: Buffer[] = [];
  let index = 0;
  // Plaintext part: everything up to the first ChangeCipherSpec (TLS 1.2) or encrypted record (TLS 1.3).
  for (; index < records.length; index++) {
    const record = records[index] as TlsRecord;
    if (record.type === CONTENT_HANDSHAKE) plain.push(record.fragment);
    else if (record.type !== CONTENT_ALERT) break;
  }
  const plainMessages = splitHandshake(Buffer.concat(plain));
  const hello = [...plainMessages].reverse().find((message) => message.type === HS_SERVER_HELLO && !isHelloRetry(message.body));
  if (hello === undefined) return { version: undefined, cipherSuite: undefined, certificateRequested: undefined, certificates: [] };
  const { version, cipherSuite } = parseServerHello(hello.body);

  if (version !== "TLSv1.3") {
    const done = plainMessages.some((message) => message.type === HS_SERVER_HELLO_DONE);
    const certificate = plainMessages.find((message) => message.type === HS_CERTIFICATE);
    return {
      version,
      cipherSuite,
      certificateRequested: plainMessages.some((message) => message.type === HS_CERTIFICATE_REQUEST) ? true : done ? false : undefined,
      certificates: certificate === undefined ? [] : parseCertificateList(certificate.body, 0),
    };
  }

  const suite = TLS13_SUITES[cipherSuite];
  const secretLine = keylogLines.find((line) => line.startsWith("SERVER_HANDSHAKE_TRAFFIC_SECRET "));
  const secretHex = secretLine?.trim().split(/\s+/)[2];
  if (suite === undefined || secretHex === undefined) return { version, cipherSuite, certificateRequested: undefined, certificates: [] };
  const secret = Buffer.from(secretHex, "hex");
  const key = hkdfExpandLabel(suite.hash, secret, "key", suite.keyLength);
  const iv = hkdfExpandLabel(suite.hash, secret, "iv", 12);

  const encrypted: Buffer[] = [];
  let sequence = 0n;
  let finished = false;
  for (; index < records.length && !finished; index++) {
    const record = records[index] as TlsRecord;
    if (record.type === CONTENT_CHANGE_CIPHER_SPEC) continue; // middlebox compatibility (RFC 8446 §D.4)
    if (record.type !== CONTENT_APPLICATION_DATA) break;
    const inner = decryptRecord(suite.cipher, key, iv, sequence++, record);
    if (inner === undefined) return { version, cipherSuite, certificateRequested: undefined, certificates: [] };
    if (inner.type !== CONTENT_HANDSHAKE) break;
    encrypted.push(inner.content);
    finished = splitHandshake(Buffer.concat(encrypted)).some((message) => message.type === HS_FINISHED);
  }
  const messages = splitHandshake(Buffer.concat(encrypted));
  const certificate = messages.find((message) => message.type === HS_CERTIFICATE);
  const requested = messages.some((message) => message.type === HS_CERTIFICATE_REQUEST);
  return {
    version,
    cipherSuite,
    // The CertificateRequest comes before the server's Finished; without a Finished we cannot say "no".
    certificateRequested: requested ? true : finished ? false : undefined,
    certificates: certificate === undefined ? [] : parseTls13CertificateList(certificate.body),
  };
}

function splitRecords(bytes: Buffer): TlsRecord[] {
  const records: TlsRecord[] = [];
  let offset = 0;
  while (offset + 5 <= bytes.length) {
    const length = bytes.readUInt16BE(offset + 3);
    if (offset + 5 + length > bytes.length) break;
    records.push({
      type: bytes[offset] ?? 0,
      header: bytes.subarray(offset, offset + 5),
      fragment: bytes.subarray(offset + 5, offset + 5 + length),
    });
    offset += 5 + length;
  }
  return records;
}

function splitHandshake(bytes: Buffer): { type: number; body: Buffer }[] {
  const messages: { type: number; body: Buffer }[] = [];
  let offset = 0;
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUIntBE(offset + 1, 3);
    if (offset + 4 + length > bytes.length) break;
    messages.push({ type: bytes[offset] ?? 0, body: bytes.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + length;
  }
  return messages;
}

function isHelloRetry(body: Buffer): boolean {
  return body.subarray(2, 34).toString("hex") === HELLO_RETRY_RANDOM;
}

function parseServerHello(body: Buffer): { version: string; cipherSuite: number } {
  let offset = 2 + 32; // legacy_version, random
  offset += 1 + (body[offset] ?? 0); // legacy_session_id_echo
  const cipherSuite = body.readUInt16BE(offset);
  offset += 2 + 1; // cipher_suite, legacy_compression_method
  let version = body.readUInt16BE(0);
  if (offset + 2 <= body.length) {
    const end = offset + 2 + body.readUInt16BE(offset);
    offset += 2;
    while (offset + 4 <= end) {
      const type = body.readUInt16BE(offset);
      const length = body.readUInt16BE(offset + 2);
      if (type === 43 && length === 2) version = body.readUInt16BE(offset + 4); // supported_versions
      offset += 4 + length;
    }
  }
  const names: Record<number, string> = { 0x0301: "TLSv1", 0x0302: "TLSv1.1", 0x0303: "TLSv1.2", 0x0304: "TLSv1.3" };
  return { version: names[version] ?? `0x${version.toString(16)}`, cipherSuite };
}

/** TLS 1.2 Certificate: `opaque ASN.1Cert<1..2^24-1>; ASN.1Cert certificate_list<0..2^24-1>`. */
function parseCertificateList(body: Buffer, offset: number): Buffer[] {
  const certificates: Buffer[] = [];
  const end = Math.min(body.length, offset + 3 + body.readUIntBE(offset, 3));
  let at = offset + 3;
  while (at + 3 <= end) {
    const length = body.readUIntBE(at, 3);
    certificates.push(Buffer.from(body.subarray(at + 3, at + 3 + length)));
    at += 3 + length;
  }
  return certificates;
}

/** TLS 1.3 Certificate: request context, then entries of `cert_data` + `extensions` (RFC 8446 §4.4.2). */
function parseTls13CertificateList(body: Buffer): Buffer[] {
  const contextLength = body[0] ?? 0;
  const listStart = 1 + contextLength;
  const end = Math.min(body.length, listStart + 3 + body.readUIntBE(listStart, 3));
  const certificates: Buffer[] = [];
  let at = listStart + 3;
  while (at + 3 <= end) {
    const length = body.readUIntBE(at, 3);
    certificates.push(Buffer.from(body.subarray(at + 3, at + 3 + length)));
    at += 3 + length;
    at += 2 + body.readUInt16BE(at);
  }
  return certificates;
}

/** RFC 8446 §7.1 HKDF-Expand-Label with an empty context. */
function hkdfExpandLabel(hash: string, secret: Buffer, label: string, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, "ascii");
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, fullLabel.length]), fullLabel, Buffer.from([0])]);
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let counter = 1; Buffer.concat(blocks).length < length; counter++) {
    previous = createHmac(hash, secret).update(Buffer.concat([previous, info, Buffer.from([counter])])).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** RFC 8446 §5.2–5.3: AEAD-open one record; returns the inner content type and content. */
function decryptRecord(
  cipher: string,
  key: Buffer,
  iv: Buffer,
  sequence: bigint,
  record: TlsRecord,
): { type: number; content: Buffer } | undefined {
  if (record.fragment.length < 17) return undefined;
  const nonce = Buffer.from(iv);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(sequence);
  for (let i = 0; i < 8; i++) nonce[4 + i] = (nonce[4 + i] ?? 0) ^ (counter[i] ?? 0);
  try {
    const decipher = createDecipheriv(cipher as "aes-128-gcm", key, nonce, { authTagLength: 16 });
    decipher.setAAD(record.header);
    decipher.setAuthTag(record.fragment.subarray(record.fragment.length - 16));
    const plain = Buffer.concat([decipher.update(record.fragment.subarray(0, record.fragment.length - 16)), decipher.final()]);
    let end = plain.length;
    while (end > 0 && plain[end - 1] === 0) end--; // padding
    if (end === 0) return undefined;
    return { type: plain[end - 1] ?? 0, content: plain.subarray(0, end - 1) };
  } catch {
    return undefined;
  }
}
