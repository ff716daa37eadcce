import { stat } from "node:fs/promises";
import { resolve as resolvePath } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { streamingListReporter } from "../report/list.js";
import { multiplexReporters } from "../report/reporter-multiplexer.js";
import { parseReporters } from "../report/reporter-name.js";
import type { RunResult } from "../model/run-result.js";
import { makeRunId } from "../scenario/run-id.js";
import { runPlans } from "../scenario/run-plans.js";
import { parseShard } from "../scenario/shard.js";
import { checkOutFolder } from "./run-output-flags.js";
import { finishRun } from "./finish-run.js";
import { openRunFiles } from "./run-files.js";
import { loadRunInputs } from "../scenario/run-inputs.js";
import { shownPath } from "../scenario/shown-path.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";
import type { CliIo } from "./cli-io.js";
import type { RunFlags } from "./run-command.js";

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

/** `--jobs`: a whole number from 1 to 32, and only 1 against a site (docs/design.md §9: checked before anything is sent). */
function checkJobsFlag(jobs: number | undefined, site: string | undefined): number {
  if (jobs === undefined) return 1;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) {
    throw inputError("EXUM_BAD_FLAG", `--jobs ${String(jobs)} is not a whole number from 1 to 32`, { field: "--jobs", hint: "e.g. --jobs 4: four lab scenarios at once" });
  }
  if (jobs > 1 && site !== undefined) {
    throw inputError("EXUM_BAD_FLAG", `--jobs ${jobs} with --site: a site's servers are real, so its scenarios run one at a time`, { field: "--jobs", hint: "leave --jobs out against a site" });
  }
  return jobs;
}

/** What `exum run` does (run-command.ts describes it: loads, runs and reports the scenarios). */
export async function runHandler(flags: RunFlags, io: CliIo): Promise<number> {
  const chosen = parseReporters(flags.reporter);
  checkTimeoutFlag(flags.timeout);
  const jobs = checkJobsFlag(flags.jobs, flags.site);
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
      jobs,
    });
  } catch (error) {
    // A bug of the runner: there is no model to write; close the log (left as log.jsonl.partial) and say so.
    await files.abandon();
    throw error;
  }
  return finishRun(run, files, reporters, { json: flags.json, io });
}
