import type { CertificateSummary } from "../pki/certificate-summary.js";

/** One certificate's details as aligned `label  value` lines, each prefixed with `indent`. */
export function certificateSummaryText(summary: CertificateSummary, indent = "  "): string {
  const key = `${summary.keyType.toUpperCase()} ${summary.keyBits}${summary.curve === undefined ? " bits" : ` (${summary.curve})`}`;
  const usage = [
    summary.keyUsage === undefined ? "any key usage" : summary.keyUsage.join(", "),
    summary.extKeyUsage === undefined ? "EKU any" : `EKU ${summary.extKeyUsage.join(", ")}`,
  ].join(" · ");
  const rows: [string, string][] = [
    ["subject", summary.subject || "(empty)"],
    ["SAN", [...summary.san, ...summary.sanIps].join(", ") || "(none)"],
    ["issuer", `${summary.issuer}${summary.selfSigned ? " (self-signed)" : ""}`],
    ["valid", `${summary.validFrom} → ${summary.validTo}`],
    ["key", `${key} · ${summary.signatureAlgorithm}`],
    ["usage", usage],
    ["CA", summary.isCa ? "yes" : "no"],
    ["SHA-256", summary.fingerprint256],
    ["thumbprint", `${summary.thumbprint} (SHA-1, as Windows shows it)`],
    ["serial", summary.serialNumber],
  ];
  return rows.map(([label, value]) => `${indent}${label.padEnd(11)}${value}\n`).join("");
}
