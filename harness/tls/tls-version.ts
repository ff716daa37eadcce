import type { SecureVersion } from "node:tls";

/** A TLS protocol version as node:tls names it (`"TLSv1.2"`, `"TLSv1.3"`, …). */
export type TlsVersion = SecureVersion;

/** Every version node:tls accepts for `minVersion`/`maxVersion`, oldest first. */
export const TLS_VERSIONS: readonly TlsVersion[] = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"];

export function isTlsVersion(value: unknown): value is TlsVersion {
  return typeof value === "string" && (TLS_VERSIONS as readonly string[]).includes(value);
}

/**
 * The OpenSSL cipher list that lets TLS 1.0 and 1.1 be spoken at all. OpenSSL 3 refuses them at its default security
 * level 1 (their handshake signs with SHA-1 / MD5-SHA1), so a connection that allows either, on either side, needs
 * security level 0. docs/protocol.md §10: "full TLS 1.2 needs Exchange 2013 CU20 / 2016 CU9 and SfB 2015 CU9 / 2019
 * CU1" — the servers before them speak TLS 1.0, and the lab simulates them.
 */
export const LEGACY_TLS_CIPHERS = "DEFAULT@SECLEVEL=0";

/** {@link LEGACY_TLS_CIPHERS} when `minVersion` allows TLS 1.0 or 1.1, else undefined (OpenSSL's defaults). */
export function ciphersForVersions(minVersion: TlsVersion | undefined): string | undefined {
  return minVersion === "TLSv1" || minVersion === "TLSv1.1" ? LEGACY_TLS_CIPHERS : undefined;
}
