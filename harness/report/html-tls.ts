import { html, type SafeHtml } from "./escape-html.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import type { CertificateSummary } from "../model/certificate-summary.js";

function yesNo(value: boolean | null): string {
  return value === null ? "unknown" : value ? "yes" : "no";
}

/** A certificate's facts (subject, names, issuer, validity, fingerprint): a peer's text, escaped. */
export function certificateHtml(certificate: CertificateSummary): SafeHtml {
  return html`<table class="facts cert"><tr><th>Subject</th><td class="mono">${certificate.subject}</td></tr><tr><th>Common name</th><td class="mono">${
    certificate.commonName ?? "none"
  }</td></tr><tr><th>SAN</th><td class="mono">${certificate.san.length === 0 ? "none" : certificate.san.join(", ")}</td></tr><tr><th>Issuer</th><td class="mono">${
    certificate.issuer
  }</td></tr><tr><th>Valid</th><td>${certificate.validFrom} → ${certificate.validTo}</td></tr><tr><th>Serial</th><td class="mono">${certificate.serialNumber}</td></tr><tr><th>SHA-256</th><td class="mono">${
    certificate.fingerprint256
  }</td></tr></table>`;
}

/**
 * One connection's TLS facts (docs/design.md §3: "per connection the TLS version, cipher, SNI, peer chain (subject, SANs,
 * issuer, validity), whether the peer asked for our certificate and accepted it").
 */
export function tlsHtml(tls: TlsEvidence, caption: string): SafeHtml {
  const tcp = tls.tcp;
  const connection = `${tcp.localAddress ?? "?"}:${tcp.localPort ?? "?"} → ${tcp.remoteAddress ?? "?"}:${tcp.remotePort ?? "?"}`;
  const verification = tls.verification;
  const client = tls.clientCertificate;
  const chain = tls.peerChain.slice(1);
  return html`<h5>${caption}</h5><div class="scroll"><table class="facts tls"><tr><th>Connection</th><td class="mono">${tls.transport.toUpperCase()} ${connection}</td></tr>${
    tls.transport === "tls"
      ? html`<tr><th>Version and cipher</th><td class="mono">${tls.version ?? "none"} ${tls.cipher?.standardName ?? tls.cipher?.name ?? ""}</td></tr><tr><th>SNI</th><td class="mono">${
          tls.sni ?? "none"
        }</td></tr><tr><th>Server verified</th><td>trusted: ${yesNo(verification.trusted)}; name matches: ${yesNo(verification.nameMatches)}${
          verification.verifiedName === null ? "" : html` (<code>${verification.verifiedName}</code>)`
        }${verification.error === null ? "" : html`; error: <code>${verification.error}</code>`}${verification.insecure ? html` <strong>— --insecure: not enforced</strong>` : ""}</td></tr><tr><th>Our certificate</th><td>sent: ${yesNo(
          client.sent,
        )}; asked for: ${yesNo(client.requested)} (${client.requestedBasis}); accepted: ${yesNo(client.accepted)}${client.subject === null ? "" : html`; <code>${client.subject}</code>`}</td></tr>${acceptableCasHtml(client.acceptableCAs ?? null, client.issuerListed ?? null)}`
      : ""
  }${tls.warnings.length === 0 ? "" : html`<tr><th>Warnings</th><td>${tls.warnings.map((warning) => html`<div>${warning}</div>`)}</td></tr>`}</table></div>${
    tls.peer === null ? "" : html`<p><strong>Server certificate</strong></p><div class="scroll">${certificateHtml(tls.peer)}</div>`
  }${chain.length === 0 ? "" : html`<p><strong>Chain above it</strong></p>${chain.map((certificate) => html`<div class="scroll">${certificateHtml(certificate)}</div>`)}`}`;
}

/** The CertificateRequest's CA names (docs/protocol.md §5 "The CertificateRequest's CA list"), folded: a list can be long. */
function acceptableCasHtml(names: readonly string[] | null, issuerListed: boolean | null) {
  if (names === null) return "";
  if (names.length === 0) return html`<tr><th>CAs the server names</th><td>none (an empty list: any certificate may be sent)</td></tr>`;
  const listed = issuerListed === null ? "n/a" : issuerListed ? "yes" : html`<strong>no</strong>`;
  return html`<tr><th>CAs the server names</th><td><details><summary>${String(names.length)} name(s); our issuer among them: ${listed}</summary>${names.map((name) => html`<div class="mono">${name}</div>`)}</details></td></tr>`;
}
