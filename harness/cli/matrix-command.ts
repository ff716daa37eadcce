import { resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { writeReports } from "../report/reporter-multiplexer.js";
import { parseReporters, REPORTER_NAMES } from "../report/reporter-name.js";
import { runExitCode } from "../report/run-exit-code.js";
import { runMatrix } from "../scenario/matrix-run.js";
import { MATRIX_SWEEPS } from "../scenario/matrix-sweeps.js";
import { checkOutFolder } from "./run-output-flags.js";
import type { CliCommand } from "./cli-command.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";

export interface MatrixFlags {
  sweep?: string[];
  reporter?: string[];
  out: string;
  certs?: string;
  ports: "real" | "ephemeral";
  timeout: number;
  json: boolean;
}

const SWEEP_IDS = MATRIX_SWEEPS.map((sweep) => sweep.id);

function parseSweeps(values: readonly string[] | undefined): string[] | undefined {
  const ids = (values ?? []).flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "");
  if (ids.length === 0) return undefined;
  for (const id of ids) {
    if (!SWEEP_IDS.includes(id)) throw inputError("EXUM_BAD_FLAG", `--sweep ${id} is not a sweep`, { field: "--sweep", hint: `choose among ${SWEEP_IDS.join(", ")}` });
  }
  return ids;
}

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
  async run(flags, io) {
    const sweeps = parseSweeps(flags.sweep);
    const reporters = parseReporters(flags.reporter).filter((name) => !(flags.json && name === "list"));
    checkTimeoutFlag(flags.timeout);
    await checkOutFolder(resolvePath(io.cwd, flags.out));
    const run = await runMatrix({
      ...(sweeps === undefined ? {} : { sweeps }),
      ...(flags.certs === undefined ? {} : { certsDir: flags.certs }),
      cwd: io.cwd,
      ports: flags.ports,
      timeoutMs: flags.timeout * 1000,
      signal: io.signal,
      onProgress: (line) => io.err(`${line}\n`),
      toolVersion: await toolVersion(),
    });
    if (flags.json) io.out(`${JSON.stringify(run.matrix, null, 2)}\n`);
    const outcome = await writeReports(run, { dir: resolvePath(io.cwd, flags.out, run.runId), reporters, io: flags.json ? { out: io.err, err: io.err } : io });
    const code = runExitCode(run);
    if (code === ExitCode.Ok && outcome.failed.length > 0) return ExitCode.HarnessError;
    return code;
  },
};
