import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import type { Argv } from "yargs";
import { inputError } from "../errors/harness-error.js";
import { logLevels } from "../log/logger.js";
import { loadIdentity } from "../pki/load-identity.js";
import { createResolver, parseResolveEntry } from "../sip/resolve-map.js";
import { parseNextHop, parseSipTarget, viaNextHop, type SipTarget } from "../sip/sip-target.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { openKeylog, type KeylogSink } from "../tls/keylog.js";
import { createCaptureRecorder } from "../capture/capture-recorder.js";
import { writeCapture } from "../capture/write-capture.js";
import type { CliIo } from "./cli-io.js";
import { setUpLogging } from "./log-setup.js";
import { dirname, resolve as resolvePath } from "node:path";
import { checkTimeoutFlag } from "./timeout-flag.js";

/** The target of `exum options` and `exum call`: the Request-URI, and the server it goes to when `--next-hop` names one. */
export function probeTargetFromFlags(flags: Pick<ProbeFlags, "target" | "next-hop">): SipTarget {
  onceOnly(flags as unknown as Record<string, unknown>, ["next-hop"]);
  const target = parseSipTarget(flags.target);
  if (flags["next-hop"] === undefined) return target;
  return viaNextHop(flags.target, parseNextHop(flags["next-hop"], target.transport));
}

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

/**
 * Turns the flags into ProbeOptions, loading every file first so bad input fails before any connection
 * (exit 2, naming the flag and the file).
 */
export async function probeOptionsFromFlags(flags: ProbeFlags, io: CliIo) {
  onceOnly(flags as unknown as Record<string, unknown>, SINGLE_VALUED);
  checkTimeoutFlag(flags.timeout);
  if ((flags.cert === undefined) !== (flags.key === undefined) && flags.pfx === undefined) {
    throw inputError("EXUM_BAD_FLAG", "--cert and --key go together", {
      field: flags.cert === undefined ? "--cert" : "--key",
      hint: "give both (PEM files), or --pfx with --passphrase instead",
    });
  }
  if (flags.pfx !== undefined && (flags.cert !== undefined || flags.key !== undefined)) {
    throw inputError("EXUM_BAD_FLAG", "--pfx replaces --cert/--key; give one or the other", { field: "--pfx" });
  }
  const identity =
    flags.cert !== undefined || flags.pfx !== undefined
      ? await loadIdentity({
          certFile: abs(flags.cert, io),
          keyFile: abs(flags.key, io),
          pfxFile: abs(flags.pfx, io),
          passphrase: flags.passphrase,
        })
      : undefined;
  const caPem: string[] = [];
  for (const file of flags.ca ?? []) caPem.push(...(await readCaFile(abs(file, io) as string)));
  const resolver = createResolver({ entries: (flags.resolve ?? []).map(parseResolveEntry) });
  let fromUser = "exum";
  // Our certificate's name is the domain we claim (a wildcard name is no SIP host: first concrete name wins).
  let fromDomain = [identity?.commonName, ...(identity?.san ?? [])].find((name) => name && !name.includes("*")) ?? "exum.invalid";
  if (flags.from !== undefined) {
    const match = /^(?:sips?:)?([^@\s]+)@([^@\s;]+)$/.exec(flags.from);
    if (!match) throw inputError("EXUM_BAD_FLAG", `--from "${flags.from}" is not user@domain`, { field: "--from" });
    fromUser = match[1] as string;
    fromDomain = match[2] as string;
  }
  const logging = setUpLogging(flags, io);
  let keylog: KeylogSink | undefined;
  if (flags.keylog !== undefined) keylog = await openKeylog(abs(flags.keylog, io) as string);
  const pcapPath = abs(flags.pcap, io);
  if (pcapPath !== undefined) await assertWritableFolder(pcapPath, "--pcap");
  const capture = pcapPath === undefined ? undefined : createCaptureRecorder();
  const version = flags["tls-version"] === undefined ? undefined : (`TLSv${flags["tls-version"]}` as "TLSv1.2" | "TLSv1.3");
  const options: ProbeOptions = {
    identity: identity === undefined ? undefined : { certPem: identity.certPem, keyPem: identity.keyPem, label: identity.subject },
    caPem,
    insecure: flags.insecure,
    resolver,
    fromUser,
    fromDomain,
    timeoutMs: flags.timeout * 1000,
    keylog,
    ...(capture === undefined ? {} : { capture }),
    logger: logging.logger,
    signal: io.signal,
    minTlsVersion: version,
    maxTlsVersion: version,
  };
  return {
    options,
    async close() {
      // Written whatever the outcome: a failed call's capture is the one most worth opening.
      if (capture !== undefined && pcapPath !== undefined) await writeCapture(pcapPath, capture);
      await keylog?.close();
      await logging.close();
    },
  };
}

/** The flags that take one value: given twice, yargs hands an array, which is bad input, not a crash. */
const SINGLE_VALUED = ["cert", "key", "pfx", "passphrase", "next-hop", "from", "timeout", "keylog", "pcap", "log-level", "log-file", "tls-version"];

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

/** `--pcap`'s folder must exist and be writable before anything is sent (bad input, exit 2, nothing lost later). */
async function assertWritableFolder(file: string, field: string): Promise<void> {
  try {
    await access(dirname(file), constants.W_OK);
  } catch (error) {
    throw inputError("EXUM_BAD_FLAG", `${field} ${file}: its folder ${dirname(file)} cannot be written (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      field,
      hint: "give a file in an existing folder you can write to",
    });
  }
}

function abs(file: string | undefined, io: CliIo): string | undefined {
  return file === undefined ? undefined : resolvePath(io.cwd, file);
}

async function readCaFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw inputError("EXUM_FILE_UNREADABLE", `cannot read CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      file,
      field: "--ca",
      hint: "give the path of a PEM file holding one or more CA certificates",
    });
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw inputError("EXUM_NOT_A_CERTIFICATE", `${file} holds no PEM certificate`, {
      file,
      field: "--ca",
      hint: "a CA bundle is one or more -----BEGIN CERTIFICATE----- blocks; convert DER with: openssl x509 -inform der -in ca.cer -out ca.pem",
    });
  }
  return blocks.map((block) => `${block}\n`);
}
