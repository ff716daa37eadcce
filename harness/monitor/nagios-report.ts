import type { MonitorSettings } from "./monitor-settings.js";
import type { MonitorState, TargetView } from "./monitor-state.js";
import { terminalText } from "../report/escape-terminal.js";

/** Nagios plugin return codes (Nagios Plugin Development Guidelines, "Plugin Return Codes"). */
export const NagiosStatus = { Ok: 0, Warning: 1, Critical: 2, Unknown: 3 } as const;
export type NagiosStatus = (typeof NagiosStatus)[keyof typeof NagiosStatus];

const NAMES = ["OK", "WARNING", "CRITICAL", "UNKNOWN"] as const;

/** A perfdata label: quoted, a single quote in it doubled (the guidelines' rule for labels with spaces or `=`). */
function perfLabel(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `UNKNOWN`'s one line, for a monitor that could not run (bad input, a harness error). */
export function nagiosUnknown(message: string): string {
  return `EXUM UNKNOWN - ${terminalText(message)}\n`;
}

/**
 * `exum monitor --once --nagios`: one line, `EXUM <STATUS> - <text> | <perfdata>`, and the return code. CRITICAL when
 * a target did not answer or a certificate failed (fewer than the failure days, or an error-severity lint rule);
 * WARNING when a certificate has fewer than the warning days left (or a lint warning); OK otherwise. Perfdata per
 * target: the OPTIONS latency (`ms`) and the certificate's days left with the thresholds as ranges (`30:` warns
 * below 30); `U` where nothing was measured.
 */
export function nagiosReport(state: MonitorState, settings: Pick<MonitorSettings, "certWarnDays" | "certFailDays">): { status: NagiosStatus; line: string } {
  const { targets } = state;
  const down = targets.filter((t) => t.health !== "up");
  const certFailed = targets.filter((t) => t.health === "up" && t.certificate?.status === "failure");
  const certWarned = targets.filter((t) => t.health === "up" && t.certificate?.status === "warning");
  const why = (t: TargetView) => `${t.target} (${t.failure ?? (t.status === null ? "no answer" : String(t.status))})`;
  const cert = (t: TargetView) => `${t.target} ${t.certificate?.daysLeft === null || t.certificate?.daysLeft === undefined ? (t.certificate?.findings[0] ?? "no certificate") : `${t.certificate.daysLeft} days left${t.certificate.findings.length > 0 ? `, ${t.certificate.findings[0] ?? ""}` : ""}`}`;
  let status: NagiosStatus = NagiosStatus.Ok;
  const parts: string[] = [];
  if (targets.length === 0) {
    status = NagiosStatus.Unknown;
    parts.push("no target checked");
  } else {
    if (down.length > 0) {
      status = NagiosStatus.Critical;
      parts.push(`${down.length} of ${targets.length} targets down: ${down.map(why).join(", ")}`);
    } else {
      parts.push(`${targets.length} targets up`);
    }
    if (certFailed.length > 0) {
      status = NagiosStatus.Critical;
      parts.push(`certificate failed: ${certFailed.map(cert).join(", ")}`);
    }
    if (certWarned.length > 0) {
      if (status === NagiosStatus.Ok) status = NagiosStatus.Warning;
      parts.push(`certificate expires soon: ${certWarned.map(cert).join(", ")}`);
    }
  }
  const perf = targets.flatMap((t) => [
    `${perfLabel(`${t.target}_latency`)}=${t.latencyMs === null ? "U" : `${Math.round(t.latencyMs)}ms`};;;0`,
    `${perfLabel(`${t.target}_cert_days`)}=${t.certificate?.daysLeft ?? "U"};${settings.certWarnDays}:;${settings.certFailDays}:`,
  ]);
  return { status, line: `EXUM ${NAMES[status]} - ${terminalText(parts.join("; "))}${perf.length > 0 ? ` | ${perf.join(" ")}` : ""}\n` };
}
