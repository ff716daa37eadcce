import { buildCertificate } from "./build-certificate.js";
import type { CertificateAuthority } from "./issued-certificate.js";
import type { KeyPairPem } from "./key-pair.js";

export interface RootCaOptions {
  readonly commonName: string;
  /** @defaultValue 3650 */
  readonly validDays?: number;
  /** @defaultValue 2048 */
  readonly keyBits?: number;
  /** Use this key instead of generating one. */
  readonly keyPair?: KeyPairPem;
  /** "Now" for the validity; tests pin it. @defaultValue new Date() */
  readonly now?: Date;
}

/**
 * A self-signed root CA. "The UM and Lync servers must chain to the same root CA" (docs/protocol.md §5): every lab
 * certificate is issued by one of these.
 */
export function createRootCa(options: RootCaOptions): CertificateAuthority {
  return buildCertificate(
    {
      commonName: options.commonName,
      isCa: true,
      validity: { notBeforeDays: -1, notAfterDays: options.validDays ?? 3650 },
      ...(options.keyBits === undefined ? {} : { keyBits: options.keyBits }),
      ...(options.keyPair === undefined ? {} : { keyPair: options.keyPair }),
      ...(options.now === undefined ? {} : { now: options.now }),
    },
    undefined,
  );
}
