import type { LintRule } from "./lint-rule.js";

export const extendedKeyUsage: LintRule = {
  id: "extended-key-usage",
  severity: "error",
  scope: "certificate",
  title: "Server Authentication and Client Authentication are both allowed (EKU)",
  explanation:
    "Every UM and Lync server is a TLS server for the calls it receives and a TLS client for the ones it places, " +
    "with the same certificate (after a 302 every hop is mutual TLS with the same client identity). Without Client " +
    "Authentication the certificate is refused when it is presented as a client certificate.",
  source: {
    ref: "docs/protocol.md §1, §5 [DOC]; docs/design.md §8",
    quote:
      "all server-to-server SIP is MTLS … After a TLS call, every hop is again mutual TLS with the same client " +
      "identity. — server and client authentication usage present (MTLS needs both directions)",
  },
  fix:
    "Re-issue from a template with both Server Authentication and Client Authentication (the AD CS 'Web Server' " +
    "template has only Server Authentication: duplicate it and add Client Authentication).",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const eku = leaf.extKeyUsage;
    if (eku === undefined) return { status: "pass", message: "no EKU extension: every purpose is allowed" };
    if (eku.includes("anyExtendedKeyUsage")) return { status: "pass", message: "anyExtendedKeyUsage" };
    const missing = ["serverAuth", "clientAuth"].filter((purpose) => !eku.includes(purpose));
    return missing.length === 0
      ? { status: "pass", message: `EKU ${eku.join(", ")}` }
      : { status: "fail", message: `EKU ${eku.join(", ") || "(empty)"} lacks ${missing.join(" and ")}` };
  },
};

export const keyUsage: LintRule = {
  id: "key-usage",
  severity: "error",
  scope: "certificate",
  title: "Key Usage allows Digital Signature (when the extension is present)",
  explanation:
    "In TLS 1.3, and in TLS 1.2 with ECDHE, each side proves it holds its key by signing; a Key Usage without " +
    "Digital Signature makes the peer refuse the certificate.",
  source: {
    ref: "RFC 8446 §4.4.2.2",
    quote: "the digitalSignature bit MUST be set if the Key Usage extension is present",
  },
  fix: "Re-issue with Key Usage Digital Signature and Key Encipherment.",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const usage = leaf.keyUsage;
    if (usage === undefined) return { status: "pass", message: "no Key Usage extension: every usage is allowed" };
    return usage.includes("digitalSignature")
      ? { status: "pass", message: `Key Usage ${usage.join(", ")}` }
      : { status: "fail", message: `Key Usage ${usage.join(", ") || "(empty)"} lacks digitalSignature` };
  },
};
