import type { CliCommand } from "./cli-command.js";
import { probeFlags, type ProbeFlags } from "./probe-flags.js";

export const optionsCommand: CliCommand<ProbeFlags> = {
  command: "options <target>",
  describe: "send one OPTIONS over (mutual) TLS or TCP and report the TLS facts, status and timings",
  builder: (yargs) =>
    probeFlags(yargs).example(
      "$0 options cas01.contoso.com --cert pool.pem --key pool.key --ca root.pem",
      "OPTIONS to the UM Call Router on 5061, presenting the pool's certificate",
    ),
  run: async (flags, io) => (await import("./options-handler.js")).optionsHandler(flags, io),
};
