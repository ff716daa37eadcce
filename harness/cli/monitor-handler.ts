import { access, constants } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { formatError } from "../errors/format-error.js";
import { inputError, isHarnessError } from "../errors/harness-error.js";
import { PUBLIC_FILE_MODE, writeFileAtomic } from "../files/write-file-atomic.js";
import { silentLogger } from "../log/logger.js";
import { durationFlag } from "../monitor/duration-flag.js";
import { openEventLog, type EventLogFile } from "../monitor/event-log-file.js";
import { parseMetricsAddress } from "../monitor/metrics-address.js";
import { startMetricsServer, type MetricsServer } from "../monitor/metrics-server.js";
import { monitorHtml } from "../monitor/monitor-html.js";
import { monitorPlan } from "../monitor/monitor-plan.js";
import { MONITOR_DEFAULTS, type MonitorSettings } from "../monitor/monitor-settings.js";
import type { MonitorState } from "../monitor/monitor-state.js";
import { nagiosReport, nagiosUnknown } from "../monitor/nagios-report.js";
import { prometheusText } from "../monitor/prometheus-text.js";
import { runMonitor } from "../monitor/run-monitor.js";
import { terminalLines } from "../monitor/terminal-lines.js";
import { TerminalView } from "../monitor/terminal-view.js";
import { loadSiteFile } from "../scenario/load-site.js";
import { shownPath } from "../scenario/shown-path.js";
import { loadSiteCredentials } from "../scenario/site-credentials.js";
import { siteEnvironment } from "../scenario/site-environment.js";
import type { CliIo } from "./cli-io.js";
import { checkTimeoutFlag } from "./timeout-flag.js";
import type { MonitorFlags } from "./monitor-command.js";

const HOUR_MS = 3_600_000;

function wholeFlag(flag: string, value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) throw inputError("EXUM_BAD_FLAG", `${flag} ${value} is not a whole number from ${min} to ${max}`, { field: flag, hint: `e.g. ${flag} ${min}` });
  return value;
}

/** Every flag read and checked, before anything is sent or written (docs/design.md §9). */
function settingsOf(flags: MonitorFlags): MonitorSettings {
  if (flags.nagios === true && flags.once !== true) throw inputError("EXUM_BAD_FLAG", "--nagios needs --once: a Nagios plugin runs one check and exits", { field: "--nagios", hint: "exum monitor --site site.yaml --once --nagios" });
  const warn = wholeFlag("--cert-warn-days", flags["cert-warn-days"], 0, 3650) ?? MONITOR_DEFAULTS.certWarnDays;
  const fail = wholeFlag("--cert-fail-days", flags["cert-fail-days"], 0, 3650) ?? MONITOR_DEFAULTS.certFailDays;
  if (fail > warn) throw inputError("EXUM_BAD_FLAG", `--cert-fail-days ${fail} is more than --cert-warn-days ${warn}`, { field: "--cert-fail-days", hint: "the failure threshold is the nearer one, e.g. --cert-warn-days 30 --cert-fail-days 7" });
  return {
    intervalMs: durationFlag("--interval", flags.interval, { minMs: 1_000, maxMs: HOUR_MS }) ?? MONITOR_DEFAULTS.intervalMs,
    downAfter: wholeFlag("--down-after", flags["down-after"], 1, 100) ?? MONITOR_DEFAULTS.downAfter,
    certEveryMs: durationFlag("--cert-every", flags["cert-every"], { minMs: 1_000, maxMs: 24 * HOUR_MS }) ?? MONITOR_DEFAULTS.certEveryMs,
    certWarnDays: warn,
    certFailDays: fail,
    forMs: durationFlag("--for", flags.for, { minMs: 1_000, maxMs: 365 * 24 * HOUR_MS }) ?? null,
    once: flags.once === true,
  };
}

/** Checks that `--html`'s folder can be written before anything is sent (exit 2 naming the flag). */
async function checkHtmlFolder(file: string): Promise<void> {
  try {
    await access(dirname(file), constants.W_OK);
  } catch {
    throw inputError("EXUM_BAD_FLAG", `--html ${file}: its folder ${dirname(file)} does not exist or cannot be written`, { field: "--html", hint: "give a file in a folder that exists" });
  }
}

/** Rewrites the HTML page at most once per `everyMs`, atomically (a temp name and a rename), and once at the end. */
function htmlWriter(file: string, everyMs: number, onError: (error: unknown) => void) {
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let latest: MonitorState | null = null;
  const write = () => {
    timer = null;
    const state = latest;
    if (state === null) return;
    writing = writing.then(() => writeFileAtomic(file, monitorHtml(state, Date.now()), { mode: PUBLIC_FILE_MODE })).catch(onError);
  };
  return {
    changed(state: MonitorState) {
      latest = state;
      timer ??= setTimeout(write, everyMs);
    },
    async finish() {
      if (timer !== null) clearTimeout(timer);
      write();
      await writing;
    },
  };
}


async function monitor(flags: MonitorFlags, io: CliIo): Promise<number> {
  if (flags.site === undefined || flags.site.trim() === "") {
    throw inputError("EXUM_BAD_FLAG", "exum monitor needs --site <file>", { field: "--site", hint: "copy scenarios/site.example.yaml, bind your servers, and give it: exum monitor --site contoso.yaml" });
  }
  const settings = settingsOf(flags);
  checkTimeoutFlag(flags.timeout);
  const metricsAddress = flags.metrics === undefined ? null : parseMetricsAddress(flags.metrics, flags["metrics-allow-remote"] === true);
  const htmlFile = flags.html === undefined ? null : resolvePath(io.cwd, flags.html);
  if (htmlFile !== null) await checkHtmlFolder(htmlFile);
  const loaded = await loadSiteFile(resolvePath(io.cwd, flags.site));
  const plan = monitorPlan(loaded, flags.timeout === undefined ? {} : { timeoutMs: Math.round(flags.timeout * 1000) });
  const credentials = await loadSiteCredentials(loaded, ["pool"], io.env);
  if (io.signal.aborted) return ExitCode.Interrupted;

  const events: EventLogFile | null = flags.events === undefined ? null : await openEventLog(resolvePath(io.cwd, flags.events));
  let metrics: MetricsServer | null = null;
  let latest: MonitorState | null = null;
  const nagios = flags.nagios === true;
  const view = new TerminalView(nagios ? () => undefined : io.out, io.isTty);
  const html = htmlFile === null ? null : htmlWriter(htmlFile, Math.min(settings.intervalMs, 10_000), (error) => io.err(`exum monitor: --html ${htmlFile}: ${(error as Error).message}\n`));
  try {
    if (metricsAddress !== null) {
      metrics = await startMetricsServer(metricsAddress, () => (latest === null ? "" : prometheusText(latest)));
      io.err(`exum monitor: Prometheus metrics at http://${metrics.host.includes(":") ? `[${metrics.host}]` : metrics.host}:${metrics.port}/metrics\n`);
    }
    const { state, stop } = await runMonitor({
      plan,
      env: siteEnvironment(loaded, credentials, silentLogger, undefined),
      settings,
      site: loaded.site.name ?? shownPath(loaded.file, io.cwd),
      maxCallsPerHour: loaded.site.safety.maxCalls,
      signal: io.signal,
      onEvent(event, state) {
        latest = state;
        events?.write(event);
        view.event(event, state);
        html?.changed(state);
      },
    });
    if (nagios) {
      const report = nagiosReport(state, settings);
      io.out(report.line);
      return report.status;
    }
    if (settings.once) {
      if (!io.isTty) for (const line of terminalLines(state)) io.out(`${line}\n`);
      const failed = state.targets.some((target) => target.health !== "up" || target.certificate?.status === "failure");
      return failed ? ExitCode.Failed : ExitCode.Ok;
    }
    return stop === "signal" ? ExitCode.Interrupted : ExitCode.Ok;
  } finally {
    await html?.finish();
    await events?.close();
    await metrics?.close();
  }
}

/** `exum monitor` (monitor-command.ts describes it): the Nagios wrapper around {@link monitor}. */
export async function monitorHandler(flags: MonitorFlags, io: CliIo): Promise<number> {
  if (flags.nagios !== true) return monitor(flags, io);
  try {
    return await monitor(flags, io);
  } catch (error) {
    // Nagios plugin guidelines: a plugin that cannot check says UNKNOWN (3), never CRITICAL.
    io.err(`${formatError(error)}\n`);
    io.out(nagiosUnknown(isHarnessError(error) ? `${error.code}: ${error.message}` : String(error)));
    return 3;
  }
}
