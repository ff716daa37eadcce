import type { SecureContext } from "node:tls";
import { secureContextFor } from "./secure-context-for.js";
import type { TlsIdentity } from "./tls-identity.js";
import type { TlsVersion } from "./tls-version.js";

export interface ServerSecureContextOptions {
  /** The server's certificate (with chain) and key. */
  identity: TlsIdentity;
  /** The CAs whose client certificates the server trusts. */
  caPem: readonly string[];
  /** Send a CertificateRequest (ask the client for its certificate). */
  requestCert: boolean;
  /**
   * Abort the handshake when the client sends no certificate or one we do not trust. With false the server accepts
   * the connection and decides by {@link peerCertificateSummary} and `socket.authorized` (e.g. a 403 for an
   * unknown gateway, docs/protocol.md §5).
   * @defaultValue `requestCert`
   */
  rejectUnauthorized?: boolean;
  /** @defaultValue `"TLSv1.2"` */
  minVersion?: TlsVersion;
  /** @defaultValue `"TLSv1.3"` */
  maxVersion?: TlsVersion;
  /** OpenSSL cipher list, TLS 1.3 suite names allowed. */
  ciphers?: string;
}

/**
 * Options for a simulated server, usable both ways:
 * - `tls.createServer(options)` reads the PEM fields (a `tls.Server` ignores `secureContext` and builds its own
 *   context once per server — tried on Node 20);
 * - `new tls.TLSSocket(accepted, { isServer: true, ...options })` uses the cached `secureContext`. Caveat: Node
 *   judges the client's certificate only for sockets a `tls.Server` accepted — on a standalone TLSSocket
 *   `authorized` stays false and an untrusted certificate is not refused (tried on Node 20). Prefer
 *   `tls.createServer` wherever trust matters; a standalone socket can still read names with
 *   {@link peerCertificateSummary}.
 */
export interface ServerTlsOptions {
  secureContext: SecureContext;
  requestCert: boolean;
  rejectUnauthorized: boolean;
  cert: string;
  key: string;
  ca: string[] | undefined;
  minVersion: TlsVersion | undefined;
  maxVersion: TlsVersion | undefined;
  ciphers: string | undefined;
}

export function serverSecureContext(options: ServerSecureContextOptions): ServerTlsOptions {
  const secureContext = secureContextFor({
    identity: options.identity,
    caPem: options.caPem,
    ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
    ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
    ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
  });
  return {
    secureContext,
    requestCert: options.requestCert,
    rejectUnauthorized: options.rejectUnauthorized ?? options.requestCert,
    cert: options.identity.certPem,
    key: options.identity.keyPem,
    ca: options.caPem.length === 0 ? undefined : [...options.caPem],
    minVersion: options.minVersion,
    maxVersion: options.maxVersion,
    ciphers: options.ciphers,
  };
}
