import { resolve as resolvePath } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import type { EventLogEntry } from "../lab/index.js";
import { startLab } from "../lab/index.js";
import { formatLabSummary, labSummary } from "../lab/index.js";
import { defaultTopology } from "../lab/index.js";
import { loadTopology } from "../lab/index.js";
import type { CliIo } from "./cli-io.js";
import type { LabFlags } from "./lab-command.js";

function eventLine(event: EventLogEntry): string {
  return `${event.at.slice(11, 23)} ${event.server} ${event.eventId} ${event.level}: ${event.message}\n`;
}

/** What `exum lab` does (lab-command.ts describes it: starts the lab, prints its endpoints and events until interrupted). */
export async function labHandler(flags: LabFlags, io: CliIo): Promise<number> {
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
}
