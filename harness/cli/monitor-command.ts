import { access, constants } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
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
import type { CliCommand } from "./cli-command.js";
import type { CliIo } from "./cli-io.js";
import { checkTimeoutFlag } from "./timeout-flag.js";

export interface MonitorFlags {
  site?: string;
  interval?: string;
  "down-after"?: number;
  "cert-every"?: string;
  "cert-warn-days"?: number;
  "cert-fail-days"?: number;
  once?: boolean;
  nagios?: boolean;
  for?: string;
  events?: string;
  metrics?: string;
  "metrics-allow-remote"?: boolean;
  html?: string;
  timeout?: number;
}

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

/**
 * `exum monitor --site <file>` (docs/design.md §1): health over time. OPTIONS to every Call Router, Exchange 2010 UM
 * server, UM server, pool and Mediation Server every `--interval`, up/down after `--down-after` misses (docs/protocol.md
 * §6); a live certificate check at start and every `--cert-every` (days left against `--cert-warn-days` and
 * `--cert-fail-days`, the lint, a change of certificate as an event); the site's `calls:`. Outputs: the live terminal
 * view, `--events` (JSON lines), `--metrics` (Prometheus), `--html` (the last 24 h). In the foreground until SIGINT
 * or SIGTERM (exit 130/143, what was seen is written) or `--for`; `--once` runs one round (exit 0 all up and no
 * certificate failure, 1 otherwise), `--once --nagios` the Nagios plugin conventions (exit 0–3, one line).
 */
export const monitorCommand: CliCommand<MonitorFlags> = {
  command: "monitor",
  describe: "health over time: OPTIONS, certificate countdowns and optional synthetic calls; terminal, JSON lines, Prometheus, HTML, Nagios",
  builder: (yargs: Argv): Argv =>
    yargs
      .option("site", { type: "string", describe: "the site file: the servers to watch, identity, CA bundle, calls: (scenarios/site.example.yaml)" })
      .option("interval", { type: "string", describe: "between two OPTIONS to a target: 1s … 1h (default 60s)" })
      .option("down-after", { type: "number", describe: "missed OPTIONS in a row that mark a target down (default 5, the Mediation Server's rule)" })
      .option("cert-every", { type: "string", describe: "between two live certificate checks of a target (default 1h)" })
      .option("cert-warn-days", { type: "number", describe: "fewer days left than this is a warning (default 30)" })
      .option("cert-fail-days", { type: "number", describe: "fewer days left than this is a failure (default 7)" })
      .option("once", { type: "boolean", describe: "one round of OPTIONS and certificate checks (no calls), then exit: for cron and CI" })
      .option("nagios", { type: "boolean", describe: "with --once: one Nagios/Icinga plugin line, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN" })
      .option("for", { type: "string", describe: "stop after this long (default: until Ctrl-C or SIGTERM)" })
      .option("events", { type: "string", describe: "append every event to this file as JSON lines" })
      .option("metrics", { type: "string", describe: "serve Prometheus metrics at <address>:<port>/metrics (a bare port listens on 127.0.0.1)" })
      .option("metrics-allow-remote", { type: "boolean", describe: "let --metrics listen on an address other than loopback" })
      .option("html", { type: "string", describe: "keep an HTML page of the last 24 h in this file, rewritten as it goes" })
      .option("timeout", { type: "number", describe: "seconds each connect, handshake and final response may take (default: the site's timeout:, 8)" })
      .example("$0 monitor --site contoso.yaml --metrics 9464 --html /var/www/exum.html", "watch the site, a Prometheus endpoint on 127.0.0.1:9464 and a page")
      .example("$0 monitor --site contoso.yaml --once --nagios", "a Nagios/Icinga check"),
  async run(flags, io) {
    if (flags.nagios !== true) return monitor(flags, io);
    try {
      return await monitor(flags, io);
    } catch (error) {
      // Nagios plugin guidelines: a plugin that cannot check says UNKNOWN (3), never CRITICAL.
      io.err(`${formatError(error)}\n`);
      io.out(nagiosUnknown(isHarnessError(error) ? `${error.code}: ${error.message}` : String(error)));
      return 3;
    }
  },
};

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
