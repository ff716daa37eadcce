import { FAILURE_CODES, FAILURES } from "./failure-code.js";
import type { FailureFix, FailureLayer } from "./failure-definition.js";

const LAYER_TITLES: Readonly<Record<FailureLayer, string>> = {
  connection: "Connection and TLS (decided by harness/tls)",
  sip: "SIP (decided by harness/sip)",
  media: "Media negotiation (decided by harness/sdp)",
  rtp: "Media on the wire: RTP, SRTP, DTMF (decided by harness/media)",
  failover: "Failover (decided by harness/scenario)",
};

/** Markdown table cell text: pipes escaped, one line. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The short table of every code (code, layer, meaning) that README.md carries between its generated markers. */
export function failureCodesTable(): string {
  const rows = FAILURE_CODES.map((code) => `| \`${code}\` | ${FAILURES[code].layer} | ${cell(FAILURES[code].meaning)} |`);
  return ["| code | layer | meaning |", "|---|---|---|", ...rows].join("\n");
}

/** docs/failure-codes.md: every code with its meaning, exit class and the administrator's fix. */
export function failureCodesDocument(): string {
  const lines = [
    "# Failure codes",
    "",
    "Generated from the registry in `harness/model/failure-code.ts` by `npm run generate`; a test fails when this file",
    "is stale. Do not edit it by hand.",
    "",
    "A failure code is the stable classification a step or probe ends with. Scenarios expect it (`expect.failure`), the",
    "reports explain it with the fix below, and callers match on it, never on a message. Exit class `failed` is exit 1;",
    "`interrupted` is the exit code of the signal that stopped the run (130 for Ctrl-C), since it says nothing about the",
    "peer.",
    "",
  ];
  for (const layer of Object.keys(LAYER_TITLES) as FailureLayer[]) {
    lines.push(`## ${LAYER_TITLES[layer]}`, "");
    for (const code of FAILURE_CODES.filter((each) => FAILURES[each].layer === layer)) {
      const { meaning, exitClass } = FAILURES[code];
      const fix: FailureFix = FAILURES[code].fix;
      lines.push(`### \`${code}\``, "", meaning, "", `- Exit class: ${exitClass}`, `- Problem: ${fix.problem}`, `- Fix: ${fix.action}`);
      if (fix.commands.length > 0) lines.push("- Commands:", "", "  ```powershell", ...fix.commands.map((command) => `  ${command}`), "  ```", "");
      if (fix.byReason !== undefined) {
        lines.push("- By `ms-diagnostics` reason:");
        for (const [reason, variant] of Object.entries(fix.byReason)) {
          lines.push(`  - \`${reason}\`: ${variant.action}${variant.commands.length === 0 ? "" : ` (${variant.commands.map((command) => `\`${command}\``).join("; ")})`}`);
        }
      }
      lines.push(`- Source: ${fix.source}`, "");
    }
  }
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
