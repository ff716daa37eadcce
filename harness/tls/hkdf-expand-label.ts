import { createHmac } from "node:crypto";

/** A hash TLS 1.3 cipher suites use for their key schedule. */
export type Tls13Hash = "sha256" | "sha384";

const HASH_LENGTH: Readonly<Record<Tls13Hash, number>> = { sha256: 32, sha384: 48 };

/**
 * HKDF-Expand (RFC 5869 §2.3): "T(0) = empty string; T(i) = HMAC-Hash(PRK, T(i-1) | info | i);
 * OKM = first L octets of T(1) | T(2) | …". node:crypto's `hkdf` always runs Extract first, so Expand is done here.
 */
export function hkdfExpand(hash: Tls13Hash, prk: Buffer, info: Buffer, length: number): Buffer {
  const hashLength = HASH_LENGTH[hash];
  if (length > 255 * hashLength) throw new RangeError(`HKDF-Expand length ${length} exceeds 255 × ${hashLength}`);
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let counter = 1; blocks.length * hashLength < length; counter += 1) {
    previous = createHmac(hash, prk).update(previous).update(info).update(Buffer.from([counter])).digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/**
 * The HkdfLabel structure of RFC 8446 §7.1:
 * "struct { uint16 length = Length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255> = Context; }"
 */
export function hkdfLabel(label: string, context: Buffer, length: number): Buffer {
  const fullLabel = Buffer.from(`tls13 ${label}`, "latin1");
  const out = Buffer.alloc(2 + 1 + fullLabel.length + 1 + context.length);
  out.writeUInt16BE(length, 0);
  out.writeUInt8(fullLabel.length, 2);
  fullLabel.copy(out, 3);
  out.writeUInt8(context.length, 3 + fullLabel.length);
  context.copy(out, 4 + fullLabel.length);
  return out;
}

/** "HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)" — RFC 8446 §7.1. */
export function hkdfExpandLabel(hash: Tls13Hash, secret: Buffer, label: string, context: Buffer, length: number): Buffer {
  return hkdfExpand(hash, secret, hkdfLabel(label, context, length), length);
}

/**
 * The write key and IV of a traffic secret — RFC 8446 §7.3:
 * "[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length);
 *  [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)".
 */
export function trafficKeys(hash: Tls13Hash, secret: Buffer, keyLength: number, ivLength = 12): { key: Buffer; iv: Buffer } {
  const empty = Buffer.alloc(0);
  return {
    key: hkdfExpandLabel(hash, secret, "key", empty, keyLength),
    iv: hkdfExpandLabel(hash, secret, "iv", empty, ivLength),
  };
}
