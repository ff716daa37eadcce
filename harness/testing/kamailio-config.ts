import { inputError } from "../errors/harness-error.js";
import { PeerErrorCode } from "./peer-error-code.js";

/**
 * TLS versions the Kamailio stand-in accepts. Kamailio 5.6's tls module has no `TLSv1.3` method (its enum stops
 * at `TLSv1.2+`), so "TLSv1.3" is written as method `SSLv23` plus an OpenSSL config (`OPENSSL_CONF`) whose
 * `MinProtocol = TLSv1.3`; with `TLSv1.2+` Kamailio sets the minimum itself and overrides that config.
 */
export type KamailioTlsMethod = "TLSv1.2" | "TLSv1.3" | "TLSv1.2+";

export interface KamailioConfigOptions {
  /** The temp folder holding the config, keys and Kamailio's working directory. */
  readonly dir: string;
  /** TLS listener on 127.0.0.1. */
  readonly tlsPort: number;
  /** Also listen for TCP on 127.0.0.1 (requests over it get 403 unless {@link acceptTcp}). */
  readonly tcpPort?: number;
  /** The server certificate (optionally followed by its chain). */
  readonly certPem: string;
  readonly keyPem: string;
  /** The CA(s) a client certificate must chain to. */
  readonly caPem: string;
  /** Refuse a TLS client that sends no certificate (tls.cfg `require_certificate`). Needs `verifyClientCert`. */
  readonly requireClientCert: boolean;
  /** Ask for a client certificate and verify it against `caPem` (tls.cfg `verify_certificate`). */
  readonly verifyClientCert: boolean;
  /** @defaultValue "TLSv1.2+" */
  readonly tlsMethod?: KamailioTlsMethod;
  /**
   * The Contact of the 302 that answers every INVITE; Kamailio pseudo-variables such as `$rU` are expanded.
   * @defaultValue "sip:$rU@127.0.0.1:5065;transport=tls" (docs/peers.md)
   */
  readonly inviteRedirectTo?: string;
  /**
   * Answer requests that arrive over TCP as if over TLS (a Call Router's TCP 5060 of an Unsecured dial plan);
   * otherwise they get `403 TLS required`, as in docs/peers.md. @defaultValue false
   */
  readonly acceptTcp?: boolean;
}

/** What {@link kamailioConfig} produces: files to write into `dir` (name → content) and extra environment. */
export interface KamailioConfig {
  readonly files: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
}

export const DEFAULT_INVITE_REDIRECT = "sip:$rU@127.0.0.1:5065;transport=tls";

/**
 * The configuration of docs/peers.md "Kamailio as a strict MTLS Call Router": answers OPTIONS itself with
 * `X-Peer-TLS` (version, cipher) and `X-Peer-CN` (client certificate CN, verify result) and answers INVITE
 * with a 302. Pure: `modulesPath` is where `tls.so` lives.
 */
export function kamailioConfig(options: KamailioConfigOptions, modulesPath: string): KamailioConfig {
  validate(options);
  const dir = options.dir;
  const method = options.tlsMethod ?? "TLSv1.2+";
  const redirect = options.inviteRedirectTo ?? DEFAULT_INVITE_REDIRECT;
  const transports = options.acceptTcp === true ? '$pr != "tls" && $pr != "tcp"' : '$pr != "tls"';
  const listen = [`listen=tls:127.0.0.1:${options.tlsPort}`];
  if (options.tcpPort !== undefined) listen.push(`listen=tcp:127.0.0.1:${options.tcpPort}`);

  const kamailioCfg = `#!KAMAILIO
# Written by harness/testing/kamailio-config.ts (docs/peers.md "Kamailio as a strict MTLS Call Router").
debug=2
log_stderror=yes
children=2
tcp_children=1
auto_aliases=no
enable_tls=yes
${listen.join("\n")}
mpath="${modulesPath}/"
loadmodule "tls.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "maxfwd.so"
modparam("tls", "config", "${dir}/tls.cfg")
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (${transports}) { sl_send_reply("403", "TLS required"); exit; }
    if (is_method("OPTIONS")) {
        append_to_reply("X-Peer-TLS: $tls_version; $tls_cipher_info\\r\\n");
        append_to_reply("X-Peer-CN: $tls_peer_subject_cn; verified=$tls_peer_verified\\r\\n");
        sl_send_reply("200", "OK"); exit;
    }
    if (is_method("INVITE")) {
        append_to_reply("Contact: <${redirect}>\\r\\n");
        sl_send_reply("302", "Moved Temporarily"); exit;
    }
    if (is_method("ACK")) { exit; }
    sl_send_reply("405", "Method Not Allowed"); exit;
}
`;

  const tlsCfg = `[server:default]
method = ${method === "TLSv1.3" ? "SSLv23" : method}
verify_certificate = ${yesNo(options.verifyClientCert)}
require_certificate = ${yesNo(options.requireClientCert)}
private_key = ${dir}/server.key
certificate = ${dir}/server.crt
ca_list = ${dir}/ca.crt
`;

  const files: Record<string, string> = {
    "kamailio.cfg": kamailioCfg,
    "tls.cfg": tlsCfg,
    "server.crt": options.certPem,
    "server.key": options.keyPem,
    "ca.crt": options.caPem,
  };
  const env: Record<string, string> = {};
  if (method === "TLSv1.3") {
    files["openssl.cnf"] = `# TLS 1.3 only: Kamailio 5.6 has no TLSv1.3 method (see kamailio-config.ts)
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
MinProtocol = TLSv1.3
`;
    env["OPENSSL_CONF"] = `${dir}/openssl.cnf`;
  }
  return { files, env };
}

function yesNo(value: boolean): "yes" | "no" {
  return value ? "yes" : "no";
}

function validate(options: KamailioConfigOptions): void {
  for (const [field, port] of [["tlsPort", options.tlsPort], ["tcpPort", options.tcpPort]] as const) {
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw badOption(field, `${field} must be a port number 1-65535, got ${String(port)}`, "use freeTcpPort()");
    }
  }
  if (options.requireClientCert && !options.verifyClientCert) {
    throw badOption(
      "requireClientCert",
      "requireClientCert needs verifyClientCert: Kamailio only requires a certificate it asks for",
      "set verifyClientCert: true, or requireClientCert: false",
    );
  }
  if (options.inviteRedirectTo !== undefined && /["<>\r\n\\]/.test(options.inviteRedirectTo)) {
    throw badOption("inviteRedirectTo", `inviteRedirectTo must be a bare URI, got ${JSON.stringify(options.inviteRedirectTo)}`, "drop quotes, angle brackets and line breaks");
  }
  if (/["\s]/.test(options.dir)) {
    throw badOption("dir", `dir must not contain quotes or spaces, got ${JSON.stringify(options.dir)}`, "use tempDir()");
  }
}

function badOption(field: string, message: string, hint: string): Error {
  return inputError(PeerErrorCode.BadOption, message, { field, hint });
}
