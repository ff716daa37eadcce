import { terminalText } from "../report/escape-terminal.js";
import { averageCallMs, networkEffectiveness, type MonitorState, type TargetView } from "./monitor-state.js";

const HEALTH = { unknown: "...", up: "UP", down: "DOWN" } as const;

function certificateText(target: TargetView): string {
  const cert = target.certificate;
  if (cert === null) return "certificate not checked yet";
  if (cert.daysLeft === null) return `certificate ${cert.status}: ${cert.failure ?? "none seen"}`;
  const findings = cert.findings.length === 0 ? "" : ` (${cert.findings.length} finding${cert.findings.length === 1 ? "" : "s"}: ${cert.findings[0] ?? ""})`;
  return `certificate ${cert.status === "ok" ? "ok" : cert.status.toUpperCase()} ${cert.daysLeft} d${findings}`;
}

/** One line per target and per synthetic call destination: what the live terminal view shows. Peer text escaped. */
export function terminalLines(state: MonitorState): string[] {
  const width = Math.max(0, ...state.targets.map((t) => t.target.length));
  const lines = state.targets.map((t) => {
    const answer = t.latencyMs !== null && t.misses === 0 ? `${Math.round(t.latencyMs)} ms` : t.lastCheckAt === null ? "not checked yet" : `${t.misses} missed (${t.failure ?? "no answer"})`;
    return terminalText(`${t.target.padEnd(width)}  ${HEALTH[t.health].padEnd(4)}  ${t.role.padEnd(12)}  ${answer.padEnd(10)}  ${certificateText(t)}${t.certificateChanges > 0 ? `, changed ${t.certificateChanges}x` : ""}`);
  });
  for (const call of state.calls) {
    const ner = networkEffectiveness(call);
    const acd = averageCallMs(call);
    const endings = [...call.endings].map(([ending, count]) => `${ending} x${count}`).join(", ");
    lines.push(terminalText(`call ${call.to}: ${call.attempted} placed, ${call.answered} answered, NER ${ner === null ? "-" : `${Math.round(ner * 100)} %`}, ACD ${acd === null ? "-" : `${(acd / 1000).toFixed(1)} s`}, media two-way ${call.mediaPassed}${endings === "" ? "" : `; ${endings}`}${call.skipped > 0 ? `; ${call.skipped} skipped (safety.maxCalls)` : ""}`));
  }
  return lines;
}
