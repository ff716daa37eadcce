import { inputError } from "../errors/harness-error.js";
import type { PacketCapture } from "../model/packet-capture.js";
import type { KeylogSink } from "./keylog-sink.js";
import type { TlsIdentity } from "./tls-identity.js";
import type { TlsLogger } from "./tls-logger.js";
import type { TlsVersion } from "./tls-version.js";

export interface DialTcpOptions {
  /** What we connect to: an IP address, or a host name resolved by the system. */
  address: string;
  port: number;
  /** Bind the local end to this address (a lab role's own 127.0.0.x). */
  localAddress?: string;
  /** Bound on the TCP connect (including name resolution), in ms. */
  connectTimeoutMs: number;
  /** Cancels the attempt; the result is then a failure with code `aborted`. */
  signal?: AbortSignal;
  /** @defaultValue silence */
  log?: TlsLogger;
  /** Records the connection's bytes (and, for TLS, its key log lines) for a capture file (docs/media.md §9). */
  capture?: PacketCapture;
}

export interface DialTlsOptions extends DialTcpOptions {
  /**
   * The FQDN we expect: sent as SNI and verified against the certificate. Omit it for a bare IP target; the
   * certificate is then verified against `address` (an IP SAN), and no SNI is sent (RFC 6066 §3 forbids IP
   * literals in SNI). With `--resolve fqdn:port:address` this is the FQDN and `address` the IP.
   */
  servername?: string;
  /** The certificate we present when the server asks; none means we present none. */
  identity?: TlsIdentity;
  /** The CAs we trust for the server's chain (PEM); empty means Node's bundled public roots. */
  caPem: readonly string[];
  /**
   * Keep a connection whose server certificate is untrusted or misnamed, marking the evidence (`--insecure`).
   * @defaultValue false
   */
  insecure?: boolean;
  /** @defaultValue `"TLSv1.2"` */
  minVersion?: TlsVersion;
  /** @defaultValue `"TLSv1.3"` */
  maxVersion?: TlsVersion;
  /** OpenSSL cipher list (TLS 1.3 suite names allowed); see {@link SecureContextOptions.ciphers}. */
  ciphers?: string;
  /** Bound on the TLS handshake after TCP connected, in ms. */
  handshakeTimeoutMs: number;
  /** Receives the connection's key log lines (`--keylog`). */
  keylog?: KeylogSink;
  /**
   * Read the server's handshake from the wire to learn whether it asked for our certificate. Off, the answer is
   * inferred from OpenSSL's shared signature algorithms alone and the TLS socket reads natively (faster).
   * @defaultValue true
   */
  observeCertificateRequest?: boolean;
}

function positive(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw inputError("EXUM_TLS_BAD_OPTION", `${field} must be a positive number of milliseconds, not ${value}`, { field });
  }
}

/** Checks the options a caller built from flags or files; throws an input error naming the field. */
export function validateDialOptions(options: DialTcpOptions & Partial<Pick<DialTlsOptions, "handshakeTimeoutMs">>): void {
  if (typeof options.address !== "string" || options.address.trim() === "") {
    throw inputError("EXUM_TLS_BAD_OPTION", "the address to connect to is empty", { field: "address" });
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw inputError("EXUM_TLS_BAD_OPTION", `port must be an integer from 1 to 65535, not ${options.port}`, { field: "port" });
  }
  positive(options.connectTimeoutMs, "connectTimeoutMs");
  if (options.handshakeTimeoutMs !== undefined) positive(options.handshakeTimeoutMs, "handshakeTimeoutMs");
}
