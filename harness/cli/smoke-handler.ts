import { limitText } from "../model/duration-text.js";
import { join, resolve as resolvePath } from "node:path";
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
import { checkOutFolder } from "./run-output-flags.js";
import { finishRun } from "./finish-run.js";
import { openRunFiles } from "./run-files.js";
import { shownPath } from "../scenario/shown-path.js";
import { smokeStepLines } from "./smoke-details.js";
import { toolVersion } from "./tool-version.js";
import { checkTimeoutFlag } from "./timeout-flag.js";
import type { CliIo } from "./cli-io.js";
import type { SmokeFlags } from "./smoke-command.js";
import { diffExitCode } from "../diff/diff-exit-code.js";
import { diffRuns } from "../diff/diff-runs.js";
import { renderDiffText } from "../diff/diff-text.js";
import { checkExpiryWarningDays } from "./expiry-days-flag.js";
import { readRunFile } from "./read-run-file.js";

/** What `exum smoke` does (smoke-command.ts describes it: the smoke checks against a site, a run folder). */
export async function smokeHandler(flags: SmokeFlags, io: CliIo): Promise<number> {
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
}
