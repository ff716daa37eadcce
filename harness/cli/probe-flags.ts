import type { Argv } from "yargs";
import { inputError } from "../errors/harness-error.js";
import { logLevels } from "../log/log-levels.js";

/** Flags shared by `exum options` and `exum call` (docs/design.md §1). */
export interface ProbeFlags {
  target: string;
  cert?: string;
  key?: string;
  pfx?: string;
  passphrase?: string;
  ca?: string[];
  resolve?: string[];
  "next-hop"?: string;
  from?: string;
  timeout: number;
  json: boolean;
  keylog?: string;
  pcap?: string;
  "log-level"?: string;
  "log-file"?: string;
  insecure: boolean;
  "tls-version"?: string;
}

export function probeFlags(yargs: Argv): Argv {
  return yargs
    .positional("target", {
      type: "string",
      describe: "sip:[user@]host[:port];transport=tls|tcp, sips:…, or host[:port] (TLS, port 5061)",
    })
    .option("cert", { type: "string", describe: "our certificate (PEM; may hold the chain)", group: "Identity and trust:" })
    .option("key", { type: "string", describe: "the private key of --cert (PEM)", group: "Identity and trust:" })
    .option("pfx", { type: "string", describe: "certificate and key as PFX/PKCS#12 (instead of --cert/--key)", group: "Identity and trust:" })
    .option("passphrase", { type: "string", describe: "passphrase of --pfx or of an encrypted --key", group: "Identity and trust:" })
    .option("ca", { type: "string", array: true, describe: "CA certificate(s) the server must chain to (PEM; repeatable)", group: "Identity and trust:" })
    .option("insecure", {
      type: "boolean",
      default: false,
      describe: "do not enforce the server's certificate (recorded, and marked loudly in every output)",
      group: "Identity and trust:",
    })
    .option("tls-version", { type: "string", choices: ["1.2", "1.3"], describe: "offer only this TLS version", group: "Identity and trust:" })
    .option("resolve", {
      type: "string",
      array: true,
      describe: "<fqdn>:<port>:<address>: connect there while presenting and verifying <fqdn> (repeatable)",
    })
    .option("next-hop", {
      type: "string",
      describe: "<fqdn>[:<port>]: connect to and verify this server, sending the Request-URI as given (no Route), as Lync sends voice mail to a UM server",
    })
    .option("from", { type: "string", describe: "From: user@domain we claim (default exum@<our certificate's name>)" })
    .option("timeout", { type: "number", default: 8, describe: "seconds to wait for each connect, handshake and final response" })
    .option("json", { type: "boolean", default: false, describe: "print one JSON object instead of text" })
    .option("keylog", { type: "string", describe: "append the TLS key log (NSS format) here, for Wireshark/tshark" })
    .option("pcap", {
      type: "string",
      describe: "write what crossed the wire to this pcapng file: the TLS streams with their key log embedded (Wireshark shows the SIP in clear), the RTP/SRTP, and the RTP exum decrypted",
    })
    .option("log-level", { type: "string", choices: logLevels as string[], default: "warn", describe: "log level on stderr" })
    .option("log-file", { type: "string", describe: "write a JSON log (debug and up) to this file" });
}

/** Refuses a single-valued flag given more than once (exit 2), naming it; which one was meant is not guessed. */
export function onceOnly(flags: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    const value = flags[name];
    if (Array.isArray(value)) {
      throw inputError("EXUM_BAD_FLAG", `--${name} was given ${value.length} times (${value.map((each) => JSON.stringify(each)).join(", ")}); it takes one value`, {
        field: `--${name}`,
        hint: `give --${name} once`,
      });
    }
  }
}
