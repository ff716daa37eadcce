import type { CallProbeResult } from "../model/probe-result.js";
import type { Hop, ProbeResult } from "../model/probe-result.js";
import { mediaSentence } from "../model/media-sentence.js";

/** The readable text of an `exum options` / `exum call` result: verdict first, then the evidence. */
export function formatProbeResult(result: ProbeResult | CallProbeResult): string {
  const lines: string[] = [];
  if (result.insecure) {
    lines.push("!!! INSECURE: --insecure was given; the server's certificate was NOT enforced. Do not take this as proof of trust. !!!");
  }
  const verdict = result.outcome === "failed" ? "FAILED" : result.outcome === "answered" ? "ANSWERED" : "OK";
  const status = result.status === null ? "no final response" : `${result.status} ${result.reason ?? ""}`.trim();
  lines.push(`${verdict}  ${result.kind.toUpperCase()} → ${status}  (${Math.round(result.durationMs)} ms)`);
  if (result.failure) lines.push(`  failure: ${result.failure.code} — ${result.failure.message}`);
  if (result.negotiated) {
    const n = result.negotiated;
    const media = n.media === null ? "none" : n.media === "srtp" ? `SRTP ${n.suite ?? ""} (tag ${n.cryptoTag ?? "?"})` : "RTP (not encrypted)";
    lines.push(`  negotiated: signalling ${n.signaling}, media ${media}, profile ${n.profile ?? "-"} → Exchange mode ${n.mode ?? "n/a"}`);
  }
  if ("media" in result && result.media) {
    const m = result.media;
    lines.push(`  media: ${mediaSentence(m)}`);
    lines.push(`    ${m.local.address}:${m.local.port} ⇄ ${m.remote.address}:${m.remote.port}, ${m.codec}, ${(m.durationMs / 1000).toFixed(1)} s; lost ${m.received.lost}, jitter ${m.received.jitterMs} ms`);
    if (m.peerReport !== null) lines.push(`    the peer's RTCP: ${m.peerReport.reports} report(s), ${m.peerReport.packetsReceived ?? "none"} of our packets received`);
    if (m.failure) lines.push(`    media failure: ${m.failure.code} — ${m.failure.message}`);
  } else if (result.kind === "call" && result.outcome !== "failed" && result.negotiated !== null) {
    lines.push("  media: not measured");
  }
  if ("endedBy" in result && result.endedBy) lines.push(`  call ended by: ${result.endedBy}${"endReason" in result && result.endReason ? ` (${result.endReason})` : ""}`);
  result.hops.forEach((hop, index) => lines.push(...formatHop(hop, index, result.hops.length)));
  for (const warning of result.warnings) lines.push(`  warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}

function formatHop(hop: Hop, index: number, count: number): string[] {
  const lines: string[] = [];
  const label = count > 1 ? `hop ${index + 1}: ` : "";
  const status = hop.status === null ? (hop.failure?.code ?? "no response") : `${hop.status} ${hop.reason ?? ""}`.trim();
  const provisional = hop.provisional.length ? ` (after ${hop.provisional.join(", ")})` : "";
  const reused = hop.connection === "reused" ? " (on the connection of the hop before)" : "";
  lines.push(`  ${label}${hop.method} ${hop.target} via ${hop.transport.toUpperCase()} ${hop.address ?? "?"}:${hop.port}${reused} → ${status}${provisional}`);
  const t = hop.timings;
  const timing = [
    t.tcpConnectMs !== null ? `tcp ${t.tcpConnectMs.toFixed(1)} ms` : null,
    t.tlsHandshakeMs !== null ? `tls ${t.tlsHandshakeMs.toFixed(1)} ms` : null,
    t.firstResponseMs !== null ? `first response ${t.firstResponseMs.toFixed(1)} ms` : null,
    t.finalResponseMs !== null ? `final ${t.finalResponseMs.toFixed(1)} ms` : null,
  ].filter(Boolean);
  if (timing.length) lines.push(`    timings: ${timing.join(", ")}`);
  if (hop.signaling) lines.push(`    signalling: ${hop.signaling}`);
  const tls = hop.tls;
  if (tls) {
    if (tls.version) lines.push(`    tls: ${tls.version} ${tls.cipher?.standardName ?? tls.cipher?.name ?? ""}, SNI ${tls.sni ?? "(none)"}`);
    if (tls.peer) {
      lines.push(`    server certificate: ${tls.peer.subject}`);
      lines.push(`      SAN: ${tls.peer.san.join(", ") || "(none)"}; issuer: ${tls.peer.issuer}; valid to ${tls.peer.validTo}`);
    }
    const v = tls.verification;
    lines.push(
      `    server trusted: ${v.trusted ? "yes" : `NO (${v.error ?? "unknown"})`}; name matches: ${v.nameMatches === null ? "n/a" : v.nameMatches ? "yes" : "NO"}`,
    );
    const c = tls.clientCertificate;
    const asked = c.requested === null ? "unknown" : c.requested ? "yes" : "no";
    const accepted = c.accepted === null ? "unknown" : c.accepted ? "yes" : "NO";
    lines.push(`    client certificate: asked for ${asked}; sent ${c.sent ? "yes" : "no"}; accepted ${accepted}`);
    lines.push(...formatAcceptableCas(c.acceptableCAs ?? null, c.issuerListed ?? null));
    for (const warning of tls.warnings) lines.push(`    tls warning: ${warning}`);
  }
  for (const [name, values] of Object.entries(hop.headers)) {
    for (const value of values) lines.push(`    ${name}: ${value}`);
  }
  return lines;
}

/** The CertificateRequest's CA names shown in full up to this many; --json has them all. */
const SHOWN_CA_NAMES = 20;

/** The CA names the server's CertificateRequest listed, and whether our issuer is among them (docs/protocol.md §5). */
function formatAcceptableCas(names: readonly string[] | null, issuerListed: boolean | null): string[] {
  if (names === null) return [];
  if (names.length === 0) return ["    CAs the server names in its CertificateRequest: none (an empty list: any certificate may be sent)"];
  const listed = issuerListed === null ? "n/a" : issuerListed ? "yes" : "NO";
  const lines = [`    CAs the server names in its CertificateRequest: ${names.length}; our issuer among them: ${listed}`];
  for (const name of names.slice(0, SHOWN_CA_NAMES)) lines.push(`      ${name}`);
  if (names.length > SHOWN_CA_NAMES) lines.push(`      … and ${names.length - SHOWN_CA_NAMES} more (--json lists them all)`);
  return lines;
}
