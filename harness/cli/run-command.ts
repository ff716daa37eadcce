import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import { runOutputFlags, type RunOutputFlags } from "./run-output-flags.js";

export interface RunFlags extends RunOutputFlags {
  scenario?: string[];
  site?: string;
  pcap?: boolean;
  topology?: string;
  shard?: string;
  tag?: string[];
  grep?: string;
  timeout?: number;
  certs?: string;
  ports: "real" | "ephemeral";
  jobs?: number;
}

/**
 * `exum run [scenario…]` (docs/design.md §1, §3, §7): runs scenarios (default: the library, `scenarios/`) against
 * the embedded lab — one lab per scenario, with its topology overrides, the lab PKI created on first use — or against
 * a real site (`--site`). Prints a line per scenario as it finishes (step detail, expected vs seen, for what did not
 * pass) and a summary; writes `<out>/<run-id>/`: `run.json` (the run model), `junit.xml`, the log (JSON lines) and,
 * with `--keylog`, the TLS key log. Exit 0 all passed, 1 an expectation failed, 2 bad input (nothing written),
 * 3 harness error, 130 interrupted (Ctrl-C: what ran is written).
 */
export const runCommand: CliCommand<RunFlags> = {
  command: "run [scenario..]",
  describe: "run scenarios (default: the whole library) against the embedded lab or a site; writes reports/<run-id>/",
  builder: (yargs: Argv): Argv =>
    runOutputFlags(
      yargs
        .positional("scenario", { type: "string", array: true, describe: "scenario files or directories (default: scenarios/)" })
        .option("site", { type: "string", describe: "bind the roles to a real deployment (a site file) instead of the embedded lab" })
        .option("pcap", {
          type: "boolean",
          describe: "write <scenario>.pcapng per scenario beside the reports (TLS streams with their key log, RTP/SRTP, decrypted RTP); default on in the lab, off against a site (--pcap turns it on, --no-pcap off)",
        })
        .option("topology", { type: "string", describe: "the lab's base topology (YAML; default: the built-in lab)" })
        .option("shard", { type: "string", describe: "run the i-th of n slices of the selected scenarios, e.g. 2/4 (CI job matrices)" })
        .option("tag", { type: "string", array: true, describe: "only scenarios with any of these tags (repeatable)" })
        .option("grep", { type: "string", describe: "only scenarios whose file id or name matches this regular expression" }),
    )
      .option("timeout", { type: "number", describe: "seconds each connect, handshake and final response may take, for steps that give no timeout (default 8, or the site's)" })
      .option("certs", { type: "string", describe: "the lab PKI folder, created on first use (default: certs/)" })
      .option("ports", { choices: ["real", "ephemeral"] as const, default: "real" as const, describe: "lab servers on real ports of a loopback block of their own, or kernel-chosen ports" })
      .option("jobs", { type: "number", describe: "lab scenarios run at once, each on a lab of its own, the longest held calls first (default 1; a site always runs one at a time)" })
      .example("$0 run", "the whole library on the embedded lab")
      .example("$0 run --jobs 12", "the library with twelve labs at once (what npm start does)")
      .example("$0 run scenarios/happy-path.yaml --keylog", "one scenario, with a TLS key log beside the reports")
      .example("$0 run --site contoso.yaml --tag smoke", "the smoke scenarios against a real deployment")
      .example("$0 run --shard 2/4 --reporter list,junit", "the second quarter of the library (CI)"),
  run: async (flags, io) => (await import("./run-handler.js")).runHandler(flags, io),
};
