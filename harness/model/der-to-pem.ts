/**
 * DER bytes as a PEM block with 64-character lines (RFC 7468 §2), as `X509Certificate#toString()` writes a
 * certificate: the one home for it, since the PKI, the TLS evidence and the lab all turn DER they hold into PEM.
 */
export function derToPem(der: Uint8Array, label = "CERTIFICATE"): string {
  const base64 = Buffer.from(der).toString("base64");
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
