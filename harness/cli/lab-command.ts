import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";

export interface LabFlags {
  topology?: string;
  json: boolean;
  ports: "real" | "ephemeral";
  certs?: string;
  block?: string;
  "dns-port": number;
  ipv6: boolean;
}

/**
 * `exum lab [topology]` (docs/design.md §1, §5): starts the embedded lab in the foreground — the built-in
 * topology or a YAML file — prints every endpoint, the `--resolve` lines other tools need, the lab DNS address, the
 * PKI (created on first use), then the event log as it grows; Ctrl-C (io.signal) stops everything and frees every
 * port (exit 130, as every long command). `--json` prints one JSON object on one line instead (events then go to
 * stderr).
 */
export const labCommand: CliCommand<LabFlags> = {
  command: "lab [topology]",
  describe: "start the embedded lab (simulated Exchange UM and Lync servers on loopback) in the foreground; Ctrl-C stops it",
  builder: (yargs: Argv): Argv =>
    yargs
      .positional("topology", { type: "string", describe: "a topology YAML file (default: the built-in lab)" })
      .option("json", { type: "boolean", default: false, describe: "print the endpoints as one JSON object on one line" })
      .option("ports", { choices: ["real", "ephemeral"] as const, default: "real" as const, describe: "real ports on a loopback block of the lab's own, or kernel-chosen ports" })
      .option("certs", { type: "string", describe: "the lab PKI directory, created on first use (default: certs/)" })
      .option("block", { type: "string", describe: "the loopback /24 block, e.g. 127.42.7 (default: a random free one)" })
      .option("dns-port", { type: "number", default: 0, describe: "the lab DNS server's port (default: the kernel's choice)" })
      .option("ipv6", {
        type: "boolean",
        default: false,
        describe: "run the lab on ::1 (ephemeral ports; Exchange 2013+ answers, Exchange 2010 cannot be reached over IPv6): the topology's addressFamily ipv6",
      })
      .example("$0 lab", "the built-in lab on real ports (5060–5070) of a loopback block of its own")
      .example("$0 lab my-lab.yaml --json", "a topology file; the endpoints as JSON")
      .example("$0 lab --ipv6", "the built-in lab on ::1"),
  run: async (flags, io) => (await import("./lab-handler.js")).labHandler(flags, io),
};
