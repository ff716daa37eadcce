import type { SecureVersion } from "node:tls";

/** A TLS protocol version as node:tls names it (`"TLSv1.2"`, `"TLSv1.3"`, …). */
export type TlsVersion = SecureVersion;

/** Every version node:tls accepts for `minVersion`/`maxVersion`, oldest first. */
export const TLS_VERSIONS: readonly TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

export function isTlsVersion(value: unknown): value is TlsVersion {
  return typeof value === "string" && (TLS_VERSIONS as readonly string[]).includes(value);
}
