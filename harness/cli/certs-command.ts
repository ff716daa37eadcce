import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import type { CertsArgs } from "./certs-args.js";

/**
 * `exum certs init | lint <pem|pfx|host:port> | show [file]` (docs/design.md §1, §8). One command with an
 * action, because the CLI frame dispatches one handler per registered command.
 */
export const certsCommand: CliCommand<CertsArgs> = {
  command: "certs <action> [input]",
  describe: "the lab PKI (init), a certificate or live server against the UM/Lync rules (lint), certificate details (show)",
  builder(yargs: Argv): Argv {
    return yargs
      .usage(
        "exum certs init [--dir certs] [--force]\n" +
          "exum certs lint <pem|pfx|host:port> [--ca root.crt] [--fqdn name] [--peers a,b] [--json]\n" +
          "exum certs show [file] [--dir certs] [--json]",
      )
      .positional("action", { choices: ["init", "lint", "show"] as const, describe: "what to do" })
      .positional("input", { type: "string", describe: "lint: a PEM/DER/PFX file or host:port; show: a certificate file" })
      .option("dir", { type: "string", describe: "the lab PKI directory (default: certs/)", group: "init / show:" })
      .option("force", { type: "boolean", describe: "make everything again, even what is still good", group: "init:" })
      .option("pfx-passphrase", { type: "string", describe: 'passphrase of the lab PFX files (default "exum")', group: "init:" })
      .option("ca", { type: "string", array: true, describe: "root CA the certificate must chain to (repeatable)", group: "lint:" })
      .option("fqdn", { type: "string", describe: "the FQDN the certificate must carry (default for host:port: the host)", group: "lint:" })
      .option("peers", { type: "string", array: true, describe: "redundant-UM server FQDNs the SAN must cover (comma-separated or repeated)", group: "lint:" })
      .option("cert", { type: "string", describe: "host:port: our client certificate (PEM)", group: "lint:" })
      .option("key", { type: "string", describe: "host:port: the key of --cert (PEM)", group: "lint:" })
      .option("pfx", { type: "string", describe: "host:port: our client certificate and key as PFX", group: "lint:" })
      .option("passphrase", { type: "string", describe: "passphrase of a PFX (input or --pfx) or of an encrypted --key", group: "lint:" })
      .option("timeout", { type: "number", describe: "host:port: seconds for each of connect, handshake and the SIP response (default 8)", group: "lint:" })
      .option("resolve", {
        type: "string",
        array: true,
        describe: "host:port: <fqdn>:<port>:<address>: connect there while presenting and verifying <fqdn> (as exum options has it)",
        group: "lint:",
      })
      .option("expiry-days", { type: "number", describe: "warn when the certificate expires within this many days (default 30)", group: "lint:" })
      .option("json", { type: "boolean", describe: "print JSON instead of text" })
      .example("exum certs init", "create the lab PKI under certs/")
      .example("exum certs lint certs/mbx01.crt --ca certs/root-ca.crt --fqdn mbx01.tukwila.contoso.com", "lint a file")
      .example("exum certs lint cas01.tukwila.contoso.com:5061 --pfx pool.pfx --passphrase x", "lint a live server, presenting ours");
  },
  run: async (args, io) => (await import("./certs-handler.js")).certsHandler(args, io),
};
