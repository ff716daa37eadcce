import { ExitCode } from "../errors/exit-codes.js";
import { probeOptions } from "../sip/options-probe.js";
import { PROBE_OUTPUT_SCHEMA_VERSION } from "../model/probe-output-version.js";
import type { CliIo } from "./cli-io.js";
import { formatProbeResult } from "./format-probe-result.js";
import type { ProbeFlags } from "./probe-flags.js";
import { probeOptionsFromFlags, probeTargetFromFlags } from "./probe-options-from-flags.js";

/** What `exum options <target>` does (options-command.ts describes it): one OPTIONS, its result printed. */
export async function optionsHandler(flags: ProbeFlags, io: CliIo): Promise<number> {
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
}
