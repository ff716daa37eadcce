import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import { REPORTER_NAMES } from "../report/reporter-name.js";
import { MATRIX_SWEEPS } from "../scenario/matrix-sweeps.js";

export interface MatrixFlags {
  sweep?: string[];
  reporter?: string[];
  out: string;
  certs?: string;
  ports: "real" | "ephemeral";
  timeout: number;
  json: boolean;
}

export const SWEEP_IDS = MATRIX_SWEEPS.map((sweep) => sweep.id);

/**
 * `exum matrix` (docs/design.md §1): sweeps pool EncryptionLevel × dial plan VoIPSecurity, trunk SRTPMode ×
 * VoIPSecurity (Mediation Server) and UMStartupMode × VoIPSecurity on the embedded lab, one call per cell, and shows
 * each grid beside docs/protocol.md §2's table and the seed's Lync Phone Edition table (and §1's startup modes), every
 * differing cell marked ≠. Progress on stderr; the grid on stdout (list reporter); `<out>/<run-id>/` like a run
 * (run.json with `matrix`, junit.xml, report.md, report.html). Exit 0 when every cell agrees, 1 when a measured cell
 * contradicts a documented table, 3 on a harness error, 130 when interrupted.
 */
export const matrixCommand: CliCommand<MatrixFlags> = {
  command: "matrix",
  describe: "sweep EncryptionLevel × VoIPSecurity (× UMStartupMode, × SRTPMode) on the lab; compare with the documented tables",
  builder: (yargs: Argv): Argv =>
    yargs
      .option("sweep", { type: "string", array: true, describe: `which sweeps (default: all): ${SWEEP_IDS.join(", ")}` })
      .option("reporter", { type: "string", array: true, describe: `what to produce: ${REPORTER_NAMES.join(", ")} (default: all; list is the terminal)` })
      .option("out", { type: "string", default: "reports", describe: "where the run's folder <run-id>/ is written" })
      .option("certs", { type: "string", describe: "the lab PKI folder, created on first use (default: certs/)" })
      .option("ports", { choices: ["real", "ephemeral"] as const, default: "real" as const, describe: "lab servers on real ports of a loopback block of their own, or kernel-chosen ports" })
      .option("timeout", { type: "number", default: 5, describe: "seconds each connect, handshake and final response of a cell's call may take" })
      .option("json", { type: "boolean", default: false, describe: "print the matrix (run.json's `matrix`) on stdout instead of the grid" })
      .example("$0 matrix", "every sweep; the grids on the terminal and reports/<run-id>/report.html")
      .example("$0 matrix --sweep pool-encryption --reporter list,md", "docs/protocol.md §2's matrix only; the terminal and report.md"),
  run: async (flags, io) => (await import("./matrix-handler.js")).matrixHandler(flags, io),
};
