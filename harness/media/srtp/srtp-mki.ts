/**
 * A Master Key Identifier as SDES negotiates it: `|<value>:<length>` after the key in `a=crypto`, e.g. Lync's
 * `|1:1`. RFC 4568 §9.2 grammar: `mki = mki-value ":" mki-length`, `mki-value = 1*DIGIT`,
 * `mki-length = 1*3DIGIT ; range 1..128`.
 */
export interface SrtpMki {
  /** The MKI value, a non-negative integer. */
  value: number;
  /** The length in bytes of the MKI field in every SRTP and SRTCP packet, 1 to 128. */
  length: number;
}

/**
 * The bytes of the MKI field. RFC 3711 §3.1 gives the MKI a "configurable length" and SDES signals it as a decimal
 * value and a length in bytes; the value is written big-endian (network order) in `length` bytes, padded with
 * leading zeros.
 */
export function encodeMki(mki: SrtpMki): Buffer {
  const bytes = Buffer.alloc(mki.length);
  let value = BigInt(mki.value);
  for (let i = mki.length - 1; i >= 0 && value > 0n; i--) {
    bytes.writeUInt8(Number(value & 0xffn), i);
    value >>= 8n;
  }
  if (value > 0n) throw new Error(`MKI value ${mki.value} does not fit in ${mki.length} bytes; negotiate a longer MKI`);
  return bytes;
}
