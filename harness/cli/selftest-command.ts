import type { CliCommand } from "./cli-command.js";

export interface SelftestFlags {
  json: boolean;
}

/**
 * `exum selftest`: proves the client works on this machine with nothing set up. It starts the embedded lab (the default
 * topology, kernel-chosen ports, no DNS; the lab PKI shared by this version, created on first use), then, as the pool
 * persona, sends OPTIONS to the Call Router over mutual TLS and places voice-mail calls to a user of a Secured dial plan
 * through the redirect chain Call Router → UM service → worker (docs/protocol.md §1), and compares what was negotiated
 * with docs/protocol.md §2's compatibility matrix. The lab is always closed.
 *
 * Kernel-chosen ports: the lab's real ports (5060–5070 on a loopback block of its own) cannot be had when a process
 * holds one of them on 0.0.0.0 (a SIP stack on this machine), and the self-test must not depend on that. The shared lab
 * PKI (lab-pki.ts `sharedLabPkiDir`): making one (23 RSA keys) takes seconds, reusing it milliseconds.
 */
export const selftestCommand: CliCommand<SelftestFlags> = {
  command: "selftest",
  describe: "prove the harness on this machine: the embedded lab on loopback, OPTIONS and calls as the pool through Call Router → UM service → worker",
  builder: (yargs) => yargs.option("json", { type: "boolean", default: false, describe: "print the checks and results as JSON" }),
  run: async (flags, io) => (await import("./selftest-handler.js")).selftestHandler(flags, io),
};
