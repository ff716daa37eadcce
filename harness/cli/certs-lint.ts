import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { loadCaFiles, readCertificateFile } from "../pki/certificate-file.js";
import { isIpAddress } from "../pki/host-names.js";
import type { LintReport } from "../pki/lint-finding.js";
import { lintCertificate } from "../pki/lint-certificate.js";
import { loadIdentity } from "../pki/load-identity.js";
import { certsLintLive } from "../scenario/certs-lint-live.js";
import { createResolver, parseResolveEntry } from "../sip/resolve-map.js";
import { readablePeerChain } from "../scenario/readable-peer-chain.js";
import type { CertsArgs } from "./certs-args.js";
import { lintReportText } from "./certs-lint-text.js";
import type { CliIo } from "./cli-io.js";
import { checkTimeoutFlag } from "./timeout-flag.js";

const HOST_PORT = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9.-]+)):(\d{1,5})$/i;

/**
 * `exum certs lint <pem|pfx|host:port>`: the UM/Lync certificate rules applied to a file, or to what a live
 * server presents. Exit 0 when no error rule fails, 1 when one does, 2 for unreadable input.
 */
export async function runCertsLint(args: CertsArgs, io: CliIo): Promise<number> {
  const input = args.input;
  if (input === undefined) {
    throw inputError("EXUM_USAGE", "certs lint needs something to lint", {
      hint: "exum certs lint <file.crt|file.pem|file.pfx|host:port>",
    });
  }
  const path = resolve(io.cwd, input);
  const caPems = await loadCaFiles((args.ca ?? []).map((file) => resolve(io.cwd, file)));
  const peers = (args.peers ?? []).flatMap((peer) => peer.split(",")).map((peer) => peer.trim()).filter(Boolean);
  const expiryWarningDays = args["expiry-days"] ?? 30;
  if (!(expiryWarningDays >= 0)) throw inputError("EXUM_BAD_FLAG", `--expiry-days ${expiryWarningDays} is not a number of days`, { field: "--expiry-days" });
  const common = { caPems, peers, expiryWarningDays, ...(args.fqdn === undefined ? {} : { fqdn: args.fqdn }) };

  let report: LintReport;
  const hostPort = existsSync(path) ? null : HOST_PORT.exec(input);
  if (hostPort === null) {
    for (const flag of ["cert", "key", "pfx"] as const) {
      if (args[flag] !== undefined) {
        throw inputError("EXUM_USAGE", `--${flag} is our identity for a live lint (host:port), but ${input} is a file`, {
          field: `--${flag}`,
          hint: "to lint a PFX file give it as the input: exum certs lint server.pfx --passphrase <text>",
        });
      }
    }
    if (!existsSync(path)) {
      throw inputError("EXUM_FILE_NOT_FOUND", `${path} does not exist`, {
        file: path,
        hint: "give a certificate file (PEM, DER or PFX), or host:port to lint what a live server presents",
      });
    }
    const file = await readCertificateFile(path, { passphrase: args.passphrase });
    report = lintCertificate({ chainPems: file.certificatePems, ...common });
  } else {
    const host = hostPort[1] ?? hostPort[2] ?? "";
    const port = Number(hostPort[3]);
    if (!(port > 0 && port < 65536)) throw inputError("EXUM_BAD_TARGET", `${input}: ${port} is not a TCP port`, { hint: "e.g. cas01.contoso.com:5061" });
    checkTimeoutFlag(args.timeout);
    const timeout = args.timeout ?? 8;
    const identity =
      args.cert !== undefined || args.pfx !== undefined || args.key !== undefined
        ? await loadIdentity({
            certFile: args.cert === undefined ? undefined : resolve(io.cwd, args.cert),
            keyFile: args.key === undefined ? undefined : resolve(io.cwd, args.key),
            pfxFile: args.pfx === undefined ? undefined : resolve(io.cwd, args.pfx),
            passphrase: args.passphrase,
          })
        : undefined;
    const fqdn = args.fqdn ?? (isIpAddress(host) ? undefined : host);
    io.err(`connecting to ${input}${identity === undefined ? "" : ` as ${identity.subject}`}: TLS, then one SIP OPTIONS…\n`);
    const live = await certsLintLive({
      host,
      port,
      servername: fqdn,
      identity: identity === undefined ? undefined : { certPem: identity.certPem, keyPem: identity.keyPem, label: identity.subject },
      fromDomain: identity?.commonName ?? identity?.san[0],
      timeoutMs: timeout * 1000,
      signal: io.signal,
      ...(args.resolve === undefined ? {} : { resolver: createResolver({ entries: args.resolve.map(parseResolveEntry) }) }),
    });
    if (io.signal.aborted) return ExitCode.Interrupted;
    const facts = readablePeerChain(live);
    report = lintCertificate({ chainPems: facts.peerChainPems, live: facts, ...common, ...(fqdn === undefined ? {} : { fqdn }) });
  }
  io.out(args.json === true ? `${JSON.stringify({ input, ...report }, null, 2)}\n` : lintReportText(input, report));
  return report.verdict === "fail" ? ExitCode.Failed : ExitCode.Ok;
}
