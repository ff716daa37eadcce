import { resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import type { EventLogEntry } from "../lab/index.js";
import { startLab } from "../lab/index.js";
import { formatLabSummary, labSummary } from "../lab/index.js";
import { defaultTopology } from "../lab/index.js";
import { loadTopology } from "../lab/index.js";
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

function eventLine(event: EventLogEntry): string {
  return `${event.at.slice(11, 23)} ${event.server} ${event.eventId} ${event.level}: ${event.message}\n`;
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
  async run(flags, io) {
    if (!Number.isInteger(flags["dns-port"]) || flags["dns-port"] < 0 || flags["dns-port"] > 65535) {
      throw inputError("EXUM_BAD_FLAG", `--dns-port ${flags["dns-port"]} is not a port number`, { field: "--dns-port", hint: "0 lets the kernel choose" });
    }
    if (flags.ipv6 && flags.block !== undefined) {
      throw inputError("EXUM_BAD_FLAG", "--block names an IPv4 loopback block; an IPv6 lab runs every server on ::1", { field: "--block", hint: "drop --block, or --ipv6" });
    }
    const loaded = flags.topology === undefined ? defaultTopology() : (await loadTopology(resolvePath(io.cwd, flags.topology))).topology;
    // docs/protocol.md §1 "IPv6": on ::1 the servers cannot be told apart by address, so their ports are ephemeral.
    const topology = flags.ipv6 ? { ...loaded, addressFamily: "ipv6" as const } : loaded;
    if (io.signal.aborted) return ExitCode.Interrupted;
    const lab = await startLab({
      topology,
      ports: flags.ports,
      cwd: io.cwd,
      ...(flags.certs === undefined ? {} : { certsDir: flags.certs }),
      ...(flags.block === undefined ? {} : { block: flags.block }),
      dnsPort: flags["dns-port"],
      onProgress: (line) => io.err(`${line}\n`),
    });
    try {
      const summary = labSummary(lab);
      if (flags.json) io.out(`${JSON.stringify(summary)}\n`);
      else io.out(`${formatLabSummary(summary, io.cwd)}\nEvent log (Ctrl-C stops the lab):\n`);
      const print = flags.json ? io.err : io.out;
      lab.events.subscribe((event) => print(eventLine(event)));
      await new Promise<void>((resolve) => {
        if (io.signal.aborted) resolve();
        else io.signal.addEventListener("abort", () => resolve(), { once: true });
      });
    } finally {
      const problems = await lab.close();
      for (const problem of problems) io.err(`warning: stopping the lab: ${problem.step}: ${(problem.error as Error).message}\n`);
    }
    if (!flags.json) io.err("lab stopped; every port is free\n");
    return ExitCode.Interrupted;
  },
};
