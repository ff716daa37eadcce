import { constants } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import { inputError } from "../errors/harness-error.js";
import { loadIdentity } from "../pki/load-identity.js";
import { createResolver, parseResolveEntry } from "../sip/resolve-map.js";
import { parseNextHop, parseSipTarget, viaNextHop, type SipTarget } from "../sip/sip-target.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { openKeylog, type KeylogSink } from "../tls/keylog.js";
import type { CliIo } from "./cli-io.js";
import { setUpLogging } from "./log-setup.js";
import { onceOnly, type ProbeFlags } from "./probe-flags.js";
import { checkTimeoutFlag } from "./timeout-flag.js";

// The half of the probe flags that acts on them (loads files, opens the key log, builds ProbeOptions): imported by
// the handlers of `exum options` and `exum call` only, so that listing the flags (probe-flags.ts) stays light.

/** The target of `exum options` and `exum call`: the Request-URI, and the server it goes to when `--next-hop` names one. */
export function probeTargetFromFlags(flags: Pick<ProbeFlags, "target" | "next-hop">): SipTarget {
  onceOnly(flags as unknown as Record<string, unknown>, ["next-hop"]);
  const target = parseSipTarget(flags.target);
  if (flags["next-hop"] === undefined) return target;
  return viaNextHop(flags.target, parseNextHop(flags["next-hop"], target.transport));
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
  // The pcapng writer (19 modules) loads only when --pcap asks for it (docs/design.md §10, start-up).
  const capture = pcapPath === undefined ? undefined : (await import("../capture/capture-recorder.js")).createCaptureRecorder();
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
      if (capture !== undefined && pcapPath !== undefined) await (await import("../capture/write-capture.js")).writeCapture(pcapPath, capture);
      await keylog?.close();
      await logging.close();
    },
  };
}

/** The flags that take one value: given twice, yargs hands an array, which is bad input, not a crash. */
const SINGLE_VALUED = ["cert", "key", "pfx", "passphrase", "next-hop", "from", "timeout", "keylog", "pcap", "log-level", "log-file", "tls-version"];

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
