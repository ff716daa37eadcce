import { createHash, createPrivateKey } from "node:crypto";
import { createSecureContext, type SecureContext } from "node:tls";
import { inputError } from "../errors/harness-error.js";
import { BoundedCache } from "../model/bounded-cache.js";
import { pemCertificates } from "./pem-certificates.js";
import type { TlsIdentity } from "./tls-identity.js";
import { TLS_VERSIONS, type TlsVersion } from "./tls-version.js";

export interface SecureContextOptions {
  /** Our certificate and key; none for a client that presents no certificate. */
  identity?: TlsIdentity;
  /**
   * The CAs we trust, PEM (one or more certificates per string). An empty list means Node's bundled public roots,
   * which trust no lab or enterprise CA: a UM/Lync deployment needs its own root here.
   */
  caPem: readonly string[];
  /** @defaultValue `"TLSv1.2"` (Node's default) */
  minVersion?: TlsVersion;
  /** @defaultValue `"TLSv1.3"` */
  maxVersion?: TlsVersion;
  /**
   * OpenSSL cipher list; TLS 1.3 suite names (`TLS_AES_128_GCM_SHA256`) may be mixed in, Node sorts them out.
   * `"DEFAULT:@SECLEVEL=0"` admits SHA-1 and old servers (docs/sipjs.md: "explicit, reported opt-in").
   * @defaultValue Node's default list
   */
  ciphers?: string;
}

/**
 * "Build each identity's SecureContext once and reuse it" (docs/design.md §10: Node paid twice the cost of a new MTLS
 * connection when it rebuilt the SecureContext per connection). Keyed by a digest of everything that shapes the
 * context, so the key text is not kept as a map key; bounded, least recently used out first.
 */
const cache = new BoundedCache<string, SecureContext>(64);

function cacheKey(options: SecureContextOptions): string {
  const hash = createHash("sha256");
  for (const part of [
    options.identity?.certPem ?? "",
    options.identity?.keyPem ?? "",
    ...options.caPem,
    `|${options.caPem.length}|${options.minVersion ?? ""}|${options.maxVersion ?? ""}|${options.ciphers ?? ""}`,
  ]) {
    hash.update(part).update("\0");
  }
  return hash.digest("hex");
}

/** Checks the identity's PEM before OpenSSL does, so the error names what is wrong and with which identity. */
function checkIdentity(identity: TlsIdentity): void {
  const name = identity.label ?? "the client identity";
  const [leaf] = pemCertificates(identity.certPem, `${name} certificate`);
  let key;
  try {
    key = createPrivateKey(identity.keyPem);
  } catch (error) {
    throw inputError("EXUM_TLS_BAD_KEY", `${name}: the private key does not parse (${(error as Error).message})`, {
      hint: "give an unencrypted PEM private key, or the PFX with its passphrase",
      cause: error,
    });
  }
  if (leaf !== undefined && !leaf.checkPrivateKey(key)) {
    throw inputError("EXUM_KEY_MISMATCH", `${name}: the private key does not belong to the certificate (${leaf.subject.replace(/\n/g, ", ")})`, {
      hint: "the first certificate in the PEM must be the one the key was made for",
    });
  }
}

/**
 * The node:tls SecureContext for these options, built once and then reused. Throws an input error
 * (`EXUM_TLS_BAD_CERTIFICATE`, `EXUM_TLS_BAD_KEY`, `EXUM_KEY_MISMATCH`, `EXUM_TLS_BAD_OPTION`) for PEM or
 * options OpenSSL refuses.
 */
export function secureContextFor(options: SecureContextOptions): SecureContext {
  return cache.get(cacheKey(options), () => buildContext(options));
}

function buildContext(options: SecureContextOptions): SecureContext {
  const { minVersion, maxVersion } = options;
  if (minVersion !== undefined && maxVersion !== undefined && TLS_VERSIONS.indexOf(minVersion) > TLS_VERSIONS.indexOf(maxVersion)) {
    throw inputError("EXUM_TLS_BAD_OPTION", `the minimum TLS version ${minVersion} is above the maximum ${maxVersion}`, {
      hint: "swap them, or give only one",
    });
  }
  if (options.identity !== undefined) checkIdentity(options.identity);
  options.caPem.forEach((pem, index) => pemCertificates(pem, `CA bundle entry ${index + 1}`));
  try {
    return createSecureContext({
      ...(options.identity === undefined ? {} : { cert: options.identity.certPem, key: options.identity.keyPem }),
      ...(options.caPem.length === 0 ? {} : { ca: [...options.caPem] }),
      ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
      ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
      ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
    });
  } catch (error) {
    throw inputError("EXUM_TLS_BAD_OPTION", `OpenSSL refused the TLS settings (${(error as Error).message})`, {
      hint: "check the TLS versions and cipher list",
      cause: error,
    });
  }
}

/** How many contexts are cached (for tests and diagnostics). */
export function secureContextCacheSize(): number {
  return cache.size;
}

/** Forgets every cached context (tests; a long-running lab after a certificate rotation). */
export function clearSecureContextCache(): void {
  cache.clear();
}
