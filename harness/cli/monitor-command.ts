import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";

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
  run: async (flags, io) => (await import("./monitor-handler.js")).monitorHandler(flags, io),
};
