import { averageCallMs, networkEffectiveness, type MonitorState, type TargetView } from "./monitor-state.js";

/** A label value in the text exposition format: backslash, double quote and line feed escaped. */
export function labelValue(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs).map(([name, value]) => `${name}="${labelValue(value)}"`).join(",")}}`;
}

const targetLabels = (target: TargetView) => ({ target: target.target, role: target.role, fqdn: target.fqdn });

/** Prometheus numbers: integers as they are, others with up to six decimals. */
function value(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/**
 * The monitor's state in the Prometheus text exposition format (version 0.0.4: `# HELP`, `# TYPE`, one sample per
 * line, label values escaped). A value that was not measured (no answer yet, no certificate seen) has no sample.
 */
export function prometheusText(state: MonitorState): string {
  const lines: string[] = [];
  const family = (name: string, type: "gauge" | "counter", help: string, samples: readonly [Record<string, string>, number | null][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [pairs, sample] of samples) if (sample !== null) lines.push(`${name}${labels(pairs)} ${value(sample)}`);
  };
  const { targets, calls } = state;
  family("exum_target_up", "gauge", "1 when the target is up, 0 when down after the down-after rule (no sample before its first answer or down)", targets.map((t) => [targetLabels(t), t.health === "unknown" ? null : t.health === "up" ? 1 : 0]));
  family("exum_options_latency_seconds", "gauge", "Time from the last OPTIONS to its final response", targets.map((t) => [targetLabels(t), t.latencyMs === null ? null : t.latencyMs / 1000]));
  family("exum_options_consecutive_misses", "gauge", "OPTIONS without a 2xx final response in a row", targets.map((t) => [targetLabels(t), t.misses]));
  family("exum_options_checks_total", "counter", "OPTIONS sent", targets.map((t) => [targetLabels(t), t.checks]));
  family("exum_options_answered_total", "counter", "OPTIONS answered with a 2xx final response", targets.map((t) => [targetLabels(t), t.answered]));
  family("exum_certificate_days_left", "gauge", "Whole days until the presented certificate expires (negative once expired)", targets.map((t) => [targetLabels(t), t.certificate?.daysLeft ?? null]));
  family("exum_certificate_status", "gauge", "0 ok, 1 warning (expires within the warning days, or a lint warning), 2 failure", targets.map((t) => [targetLabels(t), t.certificate === null ? null : { ok: 0, warning: 1, failure: 2 }[t.certificate.status]]));
  family("exum_certificate_changes_total", "counter", "Times the target presented another certificate (fingerprint) than before", targets.map((t) => [targetLabels(t), t.certificateChanges]));
  family("exum_calls_attempted_total", "counter", "Synthetic calls placed", calls.map((c) => [{ to: c.to }, c.attempted]));
  family("exum_calls_answered_total", "counter", "Synthetic calls answered", calls.map((c) => [{ to: c.to }, c.answered]));
  family("exum_calls_skipped_total", "counter", "Synthetic calls not placed: safety.maxCalls per hour reached", calls.map((c) => [{ to: c.to }, c.skipped]));
  family("exum_calls_media_two_way_total", "counter", "Answered synthetic calls with media seen both ways", calls.map((c) => [{ to: c.to }, c.mediaPassed]));
  family("exum_call_endings_total", "counter", "Synthetic calls by how they ended: SIP status and ms-diagnostics code, or the failure code", calls.flatMap((c) => [...c.endings].map(([ending, count]): [Record<string, string>, number] => [{ to: c.to, ending }, count])));
  family("exum_call_network_effectiveness_ratio", "gauge", "Answered plus user-caused failures (486, 600, 603) over calls placed (ITU-T E.425)", calls.map((c) => [{ to: c.to }, networkEffectiveness(c)]));
  family("exum_call_average_duration_seconds", "gauge", "Average duration of the answered synthetic calls", calls.map((c) => [{ to: c.to }, averageCallMs(c) === null ? null : (averageCallMs(c) as number) / 1000]));
  return `${lines.join("\n")}\n`;
}
