import type { LintFinding, LintReport } from "../pki/lint-finding.js";
import { certificateSummaryText } from "./certs-summary-text.js";

/**
 * The text form of a lint report: what a live server did (TLS, then the answer to one SIP OPTIONS), the certificate,
 * then one block per finding.
 */
export function lintReportText(input: string, report: LintReport): string {
  let text = `exum certs lint ${input}\n`;
  if (report.live !== undefined) text += liveText(report.live);
  if (report.certificate !== undefined) text += certificateSummaryText(report.certificate);
  for (const [index, summary] of report.chain.entries()) {
    text += `  chain[${index + 1}]   ${summary.subject} (issuer ${summary.issuer})\n`;
  }
  text += "\n";
  for (const finding of report.findings) text += findingText(finding);
  const verdict = report.verdict === "fail" ? "FAIL" : "PASS";
  text += `\nverdict: ${verdict} — ${report.errors} error(s), ${report.warnings} warning(s)\n`;
  return text;
}

function liveText(live: NonNullable<LintReport["live"]>): string {
  const lines: string[] = [];
  const sni = live.servername === undefined ? "no SNI" : `SNI ${live.servername}`;
  if (!live.connected) {
    lines.push(`live        ${live.target}: no connection (${live.error?.message ?? "unknown error"})`);
  } else {
    const tls = [live.protocol, live.cipher].filter((part) => part !== undefined).join(" ");
    const sip =
      live.sipResponse !== undefined
        ? `OPTIONS → ${`${live.sipResponse.status} ${live.sipResponse.reason}`.trim()}`
        : live.handshakeCompleted
          ? `no SIP response (${live.error?.code ?? "?"})`
          : `handshake failed: ${live.error?.message ?? "?"}`;
    const state = live.handshakeCompleted ? `handshake completed · ${sip}` : sip;
    lines.push(`live        ${live.target} (${sni}) ${tls} · ${state} in ${Math.round(live.elapsedMs)} ms`);
    const asked =
      live.clientCertificateRequested === undefined
        ? `could not tell (${live.clientCertificateRequestedBasis})`
        : live.clientCertificateRequested
          ? "yes"
          : "no";
    const ours = !live.clientCertificateOffered
      ? "none sent"
      : live.clientCertificateAccepted === undefined
        ? "unknown"
        : live.clientCertificateAccepted
          ? "accepted"
          : "rejected";
    const evidence = live.acceptanceEvidence === undefined ? "" : ` (${live.acceptanceEvidence})`;
    lines.push(`client cert requested by the server: ${asked} · ours: ${ours}${evidence}`);
  }
  return lines.map((line) => `  ${line}\n`).join("");
}

const LABEL: Record<string, string> = { pass: "pass", skip: "skip" };

function findingText(finding: LintFinding): string {
  const label = finding.status === "fail" ? (finding.severity === "error" ? "FAIL" : "WARN") : (LABEL[finding.status] ?? finding.status);
  let text = `  ${label.padEnd(5)} ${finding.ruleId.padEnd(27)} ${finding.message}\n`;
  if (finding.status === "fail") {
    const pad = " ".repeat(8);
    text += `${pad}rule: ${finding.title}\n`;
    text += `${pad}why:  ${finding.explanation}\n`;
    text += `${pad}from: ${finding.source.ref}: "${finding.source.quote}"\n`;
    if (finding.fix !== undefined) text += `${pad}fix:  ${finding.fix}\n`;
  }
  return text;
}
