import { generateKeyPair, generateKeyPairSync } from "node:crypto";
import { promisify } from "node:util";

/** An RSA key pair as PEM: SPKI public key, PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`). */
export interface KeyPairPem {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

/** The default RSA modulus size of every lab key (docs/design.md §8). */
export const DEFAULT_KEY_BITS = 2048;

const publicKeyEncoding = { type: "spki", format: "pem" } as const;
const privateKeyEncoding = { type: "pkcs8", format: "pem" } as const;

/**
 * An RSA key from node:crypto (OpenSSL): milliseconds, where node-forge's pure-JS key generation takes seconds
 * (docs/design.md §8: keys from node:crypto, which is fast).
 */
export function generateRsaKeyPair(bits: number = DEFAULT_KEY_BITS): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: bits, publicKeyEncoding, privateKeyEncoding });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

const generateKeyPairAsync = promisify(generateKeyPair);

/** The same on libuv's thread pool, so `certs init` generates several keys at once. */
export async function generateRsaKeyPairAsync(bits: number = DEFAULT_KEY_BITS): Promise<KeyPairPem> {
  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", { modulusLength: bits, publicKeyEncoding, privateKeyEncoding });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}
