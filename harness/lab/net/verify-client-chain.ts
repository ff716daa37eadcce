import { X509Certificate } from "node:crypto";
import type { DetailedPeerCertificate, TLSSocket } from "node:tls";
import { derToPem } from "../../model/der-to-pem.js";
import { verifyChain } from "../../pki/verify-chain.js";

/** The lab's own verdict on a client's certificate, where OpenSSL's is not used (verify-client-chain.ts). */
export type ClientChainVerdict = { ok: true } | { ok: false; kind: "no-client-certificate" | "untrusted-client-certificate"; reason: string };

/**
 * Judges the certificate a client sent against `trustedPem`, as OpenSSL would have: a path to a trusted root, each
 * certificate within its validity. Used by a listener whose CertificateRequest lists other CA names than the ones it
 * trusts (topology-certificate-request.ts), where OpenSSL's own check would trust the advertised list instead.
 */
export function verifyClientChain(socket: TLSSocket, trustedPem: readonly string[], now: Date = new Date()): ClientChainVerdict {
  const leaf = socket.getPeerCertificate(true);
  if (leaf === null || leaf.raw === undefined || Object.keys(leaf).length === 0) return { ok: false, kind: "no-client-certificate", reason: "the client sent no certificate" };
  const chain: DetailedPeerCertificate[] = [leaf];
  for (let current = leaf; current.issuerCertificate !== undefined && current.issuerCertificate !== current && chain.length < 8; current = current.issuerCertificate) {
    chain.push(current.issuerCertificate);
  }
  const [leafPem = "", ...intermediates] = chain.map((certificate) => derToPem(certificate.raw));
  for (const pem of [leafPem, ...intermediates]) {
    const certificate = new X509Certificate(pem);
    if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
      return { ok: false, kind: "untrusted-client-certificate", reason: `certificate "${certificate.subject.replace(/\n/g, ", ")}" is outside its validity` };
    }
  }
  const verdict = verifyChain(leafPem, intermediates, trustedPem);
  return verdict.ok ? { ok: true } : { ok: false, kind: "untrusted-client-certificate", reason: verdict.reason ?? "no path to a trusted root" };
}
