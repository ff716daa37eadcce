import { limitText } from "../model/duration-text.js";
import { join, resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import { listScenarioDetails, streamingListReporter } from "../report/list.js";
import { multiplexReporters } from "../report/reporter-multiplexer.js";
import { parseReporters } from "../report/reporter-name.js";
import type { RunResult } from "../model/run-result.js";
import { loadSiteFile } from "../scenario/load-site.js";
import { makeRunId } from "../scenario/run-id.js";
import { runPlans } from "../scenario/run-plans.js";
import { loadSiteCredentials } from "../scenario/site-credentials.js";
import { smokePlans } from "../scenario/smoke-plans.js";
import type { CliCommand } from "./cli-command.js";
import { checkOutFolder, runOutputFlags, type RunOutputFlags } from "./run-output-flags.js";
import { finishRun } from "./finish-run.js";
import { openRunFiles } from "./run-files.js";
import { shownPath } from "../scenario/shown-path.js";
import { smokeStepLines } from "./smoke-details.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";
import { diffExitCode } from "../diff/diff-exit-code.js";
import { diffRuns } from "../diff/diff-runs.js";
import { renderDiffText } from "../diff/diff-text.js";
import { checkExpiryWarningDays, EXPIRY_WARNING_DAYS_OPTION } from "./expiry-days-flag.js";
import { readRunFile } from "./read-run-file.js";

export interface SmokeFlags extends RunOutputFlags {
  site?: string;
  timeout?: number;
  baseline?: string;
  "expiry-warning-days": number;
}


/**
 * `exum smoke --site <file>` (docs/design.md §1): the safe post-deployment set against a real site, built in
 * memory (harness/scenario smokePlans): OPTIONS over mutual TLS and a live certificate lint of every Call Router (and
 * Exchange 2010 UM server) and Mediation Server the site binds, then one short Secured call (RequireEncryption, BYE
 * right after the answer) to its auto attendant or Subscriber Access pilot. One call at a time, never load; the whole
 * run bounded (the site's `safety.maxDuration`, else a minute), each check by the site's `timeout:` or `--timeout`, so
 * a hung server is a verdict. Output and files as `exum run`: a line per check as it finishes, a summary,
 * `<out>/<run-id>/`. Exit 0 all passed, 1 a check failed, 2 bad input (nothing written), 3 harness error, 130 Ctrl-C
 * (what ran is written). With `--baseline <run.json>` the run is then diffed against that earlier run (harness/diff,
 * docs/design.md §1 "exum diff"), the diff printed after the summary, and a security regression or a regression makes
 * the exit 1 even when every check passed.
 */
export const smokeCommand: CliCommand<SmokeFlags> = {
  command: "smoke",
  describe: "the safe post-deployment set against a real site: OPTIONS, certificates, one Secured call; writes reports/<run-id>/",
  builder: (yargs: Argv): Argv =>
    runOutputFlags(
      yargs
        .option("site", { type: "string", describe: "the site file: roles bound to the real servers, identity, CA bundle, pilots (scenarios/site.example.yaml)" }),
    )
      .option("timeout", { type: "number", describe: "seconds each connect, handshake and final response may take (default: the site's timeout:, 8)" })
      .option("baseline", { type: "string", describe: "an earlier run (run.json or its folder): print what changed since, exit 1 on a security regression or a regression" })
      .option("expiry-warning-days", { ...EXPIRY_WARNING_DAYS_OPTION, describe: `with --baseline: ${EXPIRY_WARNING_DAYS_OPTION.describe}` })
      .example("$0 smoke --site contoso.yaml", "after a change window: OPTIONS, certificates and one Secured call, in a minute at most")
      .example("$0 smoke --site contoso.yaml --reporter list,junit --timeout 4", "in CI, with a JUnit file")
      .example("$0 smoke --site contoso.yaml --baseline reports/before-change", "and what changed since the run before the change window"),
  async run(flags, io) {
    if (flags.site === undefined || flags.site.trim() === "") {
      throw inputError("EXUM_BAD_FLAG", "exum smoke needs --site <file>", { field: "--site", hint: "copy scenarios/site.example.yaml, bind your servers, and give it: exum smoke --site contoso.yaml" });
    }
    const chosen = parseReporters(flags.reporter);
    checkTimeoutFlag(flags.timeout);
    const expiryWarningDays = checkExpiryWarningDays(flags["expiry-warning-days"]);
    const baseline = flags.baseline === undefined ? undefined : await readRunFile(flags.baseline, io.cwd, "--baseline");
    await checkOutFolder(resolvePath(io.cwd, flags.out));
    // Everything is read and checked before anything is sent or written (docs/design.md §9).
    const loaded = await loadSiteFile(resolvePath(io.cwd, flags.site));
    const siteShown = shownPath(loaded.file, io.cwd);
    const { plans, maxDurationMs } = smokePlans(loaded, {
      file: siteShown,
      ...(flags.timeout === undefined ? {} : { stepTimeoutMs: Math.round(flags.timeout * 1000) }),
    });
    const credentials = await loadSiteCredentials(loaded, ["pool"], io.env);
    if (io.signal.aborted) return ExitCode.Interrupted;

    const show = flags.json ? io.err : io.out;
    const list = streamingListReporter(show, (path, from = io.cwd) => shownPath(path, from), (result) => [...smokeStepLines(result), ...listScenarioDetails(result)]);
    const reporters = multiplexReporters(chosen, { io: { out: show, err: io.err }, list });
    const runId = makeRunId(new Date());
    const files = await openRunFiles({ out: flags.out, runId, keylog: flags.keylog, logLevel: flags["log-level"] }, io);
    const target = { kind: "site", name: loaded.site.name ?? null, file: siteShown } as const;
    reporters.runStarted(`exum smoke ${runId}: ${plans.length} checks against site ${target.name ?? siteShown}, ${limitText(maxDurationMs)} at most`);
    let run: RunResult;
    try {
      run = await runPlans({
        plans,
        target,
        site: { loaded, credentials },
        signal: io.signal,
        logger: files.logger,
        ...(files.keylog === undefined ? {} : { keylog: files.keylog }),
        observer: {
          scenarioFinished: (result, position, total) => reporters.scenarioFinished(result, position, total),
        },
        runId,
        toolVersion: await toolVersion(),
        maxDurationMs,
      });
    } catch (error) {
      await files.abandon();
      throw error;
    }
    const code = await finishRun(run, files, reporters, { json: flags.json, io });
    if (baseline === undefined) return code;
    const diff = diffRuns(baseline.run, run, { expiryWarningDays, files: { a: shownPath(baseline.file, io.cwd), b: shownPath(join(files.dir, "run.json"), io.cwd) } });
    show(`\nSince the baseline:\n${renderDiffText(diff)}`);
    return code === ExitCode.Ok ? diffExitCode(diff) : code;
  },
};
