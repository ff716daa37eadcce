import { resolve as resolvePath } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { writeReports } from "../report/reporter-multiplexer.js";
import { parseReporters } from "../report/reporter-name.js";
import { runExitCode } from "../report/run-exit-code.js";
import { runMatrix } from "../scenario/matrix-run.js";
import { checkOutFolder } from "./run-output-flags.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";
import type { CliIo } from "./cli-io.js";
import { SWEEP_IDS, type MatrixFlags } from "./matrix-command.js";

function parseSweeps(values: readonly string[] | undefined): string[] | undefined {
  const ids = (values ?? []).flatMap((value) => value.split(",")).map((value) => value.trim()).filter((value) => value !== "");
  if (ids.length === 0) return undefined;
  for (const id of ids) {
    if (!SWEEP_IDS.includes(id)) throw inputError("EXUM_BAD_FLAG", `--sweep ${id} is not a sweep`, { field: "--sweep", hint: `choose among ${SWEEP_IDS.join(", ")}` });
  }
  return ids;
}

/** What `exum matrix` does (matrix-command.ts describes it: runs the sweeps, writes the grids and reports). */
export async function matrixHandler(flags: MatrixFlags, io: CliIo): Promise<number> {
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
}
