import { ExitCode } from "../errors/exit-codes.js";
import { probeOptions } from "../sip/options-probe.js";
import { PROBE_OUTPUT_SCHEMA_VERSION } from "../model/probe-result-schema.js";
import type { CliCommand } from "./cli-command.js";
import { formatProbeResult } from "./format-probe-result.js";
import { probeFlags, probeOptionsFromFlags, type ProbeFlags, probeTargetFromFlags } from "./probe-flags.js";

export const optionsCommand: CliCommand<ProbeFlags> = {
  command: "options <target>",
  describe: "send one OPTIONS over (mutual) TLS or TCP and report the TLS facts, status and timings",
  builder: (yargs) =>
    probeFlags(yargs).example(
      "$0 options cas01.contoso.com --cert pool.pem --key pool.key --ca root.pem",
      "OPTIONS to the UM Call Router on 5061, presenting the pool's certificate",
    ),
  async run(flags, io) {
    const target = probeTargetFromFlags(flags);
    const { options, close } = await probeOptionsFromFlags(flags, io);
    try {
      const result = await probeOptions(target, options);
      io.out(flags.json ? `${JSON.stringify({ schemaVersion: PROBE_OUTPUT_SCHEMA_VERSION, ...result }, null, 2)}\n` : formatProbeResult(result));
      if (io.signal.aborted) return ExitCode.Interrupted;
      return result.outcome === "failed" ? ExitCode.Failed : ExitCode.Ok;
    } finally {
      await close();
    }
  },
};
