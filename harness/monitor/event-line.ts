import { terminalText } from "../report/escape-terminal.js";
import type { MonitorEvent } from "./monitor-event.js";

/**
 * One event as a line for a person (the plain output when stdout is not a terminal, the event lines under the live
 * view), or null for a routine one (an answered OPTIONS). Peer text escaped.
 */
export function eventLine(event: MonitorEvent): string | null {
  const time = event.at.slice(11, 19);
  let text: string;
  switch (event.type) {
    case "started":
      text = `watching ${event.targets.length} targets of ${event.site} every ${event.intervalMs / 1000} s (down after ${event.downAfter} misses)${event.calls.length === 0 ? ", OPTIONS only" : `, calls to ${event.calls.join(", ")}`}`;
      break;
    case "options":
      if (event.answered) return null;
      text = `${event.target} missed OPTIONS ${event.misses}x: ${event.failure ?? "no answer"}${event.status === null ? "" : ` (${event.status} ${event.reason ?? ""})`}`;
      break;
    case "down":
      text = `${event.target} DOWN after ${event.misses} missed OPTIONS (${event.failure ?? "no answer"})`;
      break;
    case "up":
      text = `${event.target} UP again`;
      break;
    case "certificate":
      text = `${event.target} certificate ${event.status}${event.daysLeft === null ? `: ${event.failure ?? "none seen"}` : `, ${event.daysLeft} days left, serial ${event.certificate?.serialNumber ?? "?"}`}${event.findings.length === 0 ? "" : `; ${event.findings.join("; ")}`}`;
      break;
    case "certificate-changed":
      text = `${event.target} CERTIFICATE CHANGED: serial ${event.before.serialNumber} → ${event.after.serialNumber}, fingerprint ${event.after.fingerprint256.slice(0, 23)}…, valid to ${event.after.validTo}`;
      break;
    case "call":
      text = `call ${event.to} ${event.outcome}${event.status === null ? "" : ` ${event.status}`}${event.diagnostics === null ? "" : ` ms-diagnostics ${event.diagnostics}`}${event.failure === null ? "" : ` (${event.failure})`}, media ${event.media ?? "not measured"}, ${event.durationMs} ms`;
      break;
    case "call-skipped":
      text = `call ${event.to} skipped: ${event.reason}`;
      break;
    case "stopped":
      text = `stopped (${event.reason === "signal" ? "signal" : event.reason === "for" ? "--for reached" : "--once"})`;
      break;
  }
  return terminalText(`${time} ${text}`);
}
