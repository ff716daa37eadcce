import { stat } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { streamingListReporter } from "../report/list.js";
import { multiplexReporters } from "../report/reporter-multiplexer.js";
import { parseReporters } from "../report/reporter-name.js";
import type { RunResult } from "../model/run-result.js";
import { makeRunId } from "../scenario/run-id.js";
import { runPlans } from "../scenario/run-plans.js";
import { parseShard } from "../scenario/shard.js";
import type { CliCommand } from "./cli-command.js";
import { checkOutFolder, runOutputFlags, type RunOutputFlags } from "./run-output-flags.js";
import { finishRun } from "./finish-run.js";
import { openRunFiles } from "./run-files.js";
import { loadRunInputs } from "../scenario/run-inputs.js";
import { shownPath } from "../scenario/shown-path.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";

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
}

/** `--certs` must be a folder, or not exist yet (the lab PKI is created there on first use). */
async function checkCertsFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info !== null && !info.isDirectory()) {
    throw inputError("EXUM_BAD_FLAG", `--certs ${dir} is not a folder`, { field: "--certs", hint: "give the lab PKI's folder (created on first use), e.g. certs" });
  }
}

function grepOf(text: string | undefined): RegExp | undefined {
  if (text === undefined) return undefined;
  try {
    return new RegExp(text, "i");
  } catch (error) {
    throw inputError("EXUM_BAD_FLAG", `--grep ${text} is not a regular expression: ${(error as Error).message}`, { field: "--grep", hint: "e.g. --grep 'certificate|tls'" });
  }
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
      .example("$0 run", "the whole library on the embedded lab")
      .example("$0 run scenarios/happy-path.yaml --keylog", "one scenario, with a TLS key log beside the reports")
      .example("$0 run --site contoso.yaml --tag smoke", "the smoke scenarios against a real deployment")
      .example("$0 run --shard 2/4 --reporter list,junit", "the second quarter of the library (CI)"),
  async run(flags, io) {
    const chosen = parseReporters(flags.reporter);
    checkTimeoutFlag(flags.timeout);
    await checkOutFolder(resolvePath(io.cwd, flags.out));
    if (flags.certs !== undefined) await checkCertsFolder(resolvePath(io.cwd, flags.certs));
    const inputs = await loadRunInputs(
      {
        scenarios: flags.scenario ?? [],
        site: flags.site,
        topology: flags.topology,
        shard: flags.shard === undefined ? undefined : parseShard(flags.shard),
        tags: (flags.tag ?? []).flatMap((tag) => tag.split(",")).map((tag) => tag.trim()).filter((tag) => tag !== ""),
        grep: grepOf(flags.grep),
        stepTimeoutMs: flags.timeout === undefined ? undefined : Math.round(flags.timeout * 1000),
      },
      io,
    );
    if (io.signal.aborted) return ExitCode.Interrupted;

    const show = flags.json ? io.err : io.out;
    const reporters = multiplexReporters(chosen, { io: { out: show, err: io.err }, list: streamingListReporter(show, (path, from = io.cwd) => shownPath(path, from)) });
    const started = new Date();
    const runId = makeRunId(started);
    const files = await openRunFiles({ out: flags.out, runId, keylog: flags.keylog, logLevel: flags["log-level"] }, io);
    const where = inputs.target.kind === "lab" ? `the embedded lab (${inputs.target.topology})` : `site ${inputs.target.name ?? inputs.target.file}`;
    reporters.runStarted(`exum run ${runId}: ${inputs.plans.length} scenario${inputs.plans.length === 1 ? "" : "s"} against ${where}`);
    let run: RunResult;
    try {
      run = await runPlans({
        plans: inputs.plans,
        target: inputs.target,
        site: inputs.site,
        signal: io.signal,
        logger: files.logger,
        ...(files.keylog === undefined ? {} : { keylog: files.keylog }),
        // A capture holds the TLS secrets of its sessions: on by default in the lab, asked for against a site.
        ...((flags.pcap ?? inputs.target.kind === "lab") ? { captureDir: files.dir } : {}),
        lab: {
          cwd: io.cwd,
          ports: flags.ports,
          ...(flags.certs === undefined ? {} : { certsDir: flags.certs }),
          onProgress: (line) => io.err(`${line}\n`),
        },
        observer: {
          scenarioFinished: (result, position, total) => reporters.scenarioFinished(result, position, total),
        },
        runId,
        toolVersion: await toolVersion(),
        ...(inputs.maxDurationMs === undefined ? {} : { maxDurationMs: inputs.maxDurationMs }),
      });
    } catch (error) {
      // A bug of the runner: there is no model to write; close the log (left as log.jsonl.partial) and say so.
      await files.abandon();
      throw error;
    }
    return finishRun(run, files, reporters, { json: flags.json, io });
  },
};
