import type { DetailedPeerCertificate, TLSSocket } from "node:tls";
import { derToPem } from "../model/der-to-pem.js";
import { summarizeCertificate } from "./certificate-summary.js";
import { type CertificateSummary } from "../model/certificate-summary.js";

/*
 * Both helpers read the peer's certificates through `getPeerCertificate(true)`. On Node 20 a call to
 * `getPeerX509Certificate()` makes every later `getPeerCertificate()` on that socket return `{}` (tried on
 * 20.20), so that API is only a fallback here, used when the legacy object is already empty.
 */

/** Each socket's chain as read once: Node builds the whole object graph on every call (docs/design.md §10). */
const leaves = new WeakMap<TLSSocket, DetailedPeerCertificate>();

function detailedLeaf(socket: TLSSocket): DetailedPeerCertificate | null {
  const known = leaves.get(socket);
  if (known !== undefined) return known;
  const leaf = socket.getPeerCertificate(true) as DetailedPeerCertificate | null;
  const read = leaf?.raw === undefined ? null : leaf;
  // Only a finished handshake's answer is final; before it the peer has sent nothing yet.
  if (read !== null) leaves.set(socket, read);
  return read;
}

/**
 * The peer's own certificate on a connected socket — the server's on a socket we dialled, the client's on a socket
 * a simulated server accepted — or null when the peer sent none.
 */
export function peerCertificateSummary(socket: TLSSocket): CertificateSummary | null {
  const leaf = detailedLeaf(socket);
  if (leaf !== null) return summarizeCertificate(leaf.raw);
  const certificate = socket.getPeerX509Certificate();
  return certificate === undefined ? null : summarizeCertificate(certificate);
}

/**
 * The peer's chain, leaf first, as Node assembled it: the certificates the peer sent, completed up to a trust
 * anchor from our CA list where one matched. Empty when the peer sent no certificate. Each entry carries its `pem`,
 * so what the peer presented can be linted without another connection.
 */
export function peerChainSummary(socket: TLSSocket): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = detailedLeaf(socket) ?? undefined;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push({ ...summarizeCertificate(current.raw), pem: derToPem(current.raw) });
    current = current.issuerCertificate;
  }
  return chain;
}
