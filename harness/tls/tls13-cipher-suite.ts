import type { Tls13Hash } from "./hkdf-expand-label.js";

/** A TLS 1.3 cipher suite: its AEAD as node:crypto names it and the hash of its key schedule. */
export interface Tls13CipherSuite {
  /** The IANA code point (`0x1301`). */
  id: number;
  /** The IANA name (`"TLS_AES_128_GCM_SHA256"`). */
  name: string;
  hash: Tls13Hash;
  /** node:crypto cipher name. */
  aead: "aes-128-gcm" | "aes-256-gcm" | "chacha20-poly1305" | "aes-128-ccm";
  keyLength: number;
  tagLength: number;
}

/** RFC 8446 Appendix B.4, every suite of the registry. */
export const TLS13_CIPHER_SUITES: readonly Tls13CipherSuite[] = [
  { id: 0x1301, name: "TLS_AES_128_GCM_SHA256", hash: "sha256", aead: "aes-128-gcm", keyLength: 16, tagLength: 16 },
  { id: 0x1302, name: "TLS_AES_256_GCM_SHA384", hash: "sha384", aead: "aes-256-gcm", keyLength: 32, tagLength: 16 },
  { id: 0x1303, name: "TLS_CHACHA20_POLY1305_SHA256", hash: "sha256", aead: "chacha20-poly1305", keyLength: 32, tagLength: 16 },
  { id: 0x1304, name: "TLS_AES_128_CCM_SHA256", hash: "sha256", aead: "aes-128-ccm", keyLength: 16, tagLength: 16 },
  { id: 0x1305, name: "TLS_AES_128_CCM_8_SHA256", hash: "sha256", aead: "aes-128-ccm", keyLength: 16, tagLength: 8 },
];

export function tls13CipherSuite(id: number): Tls13CipherSuite | null {
  return TLS13_CIPHER_SUITES.find((suite) => suite.id === id) ?? null;
}
