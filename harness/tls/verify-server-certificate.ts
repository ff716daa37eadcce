import { checkServerIdentity, type TLSSocket } from "node:tls";
import { certificateNames } from "./certificate-names.js";
import { classifyTlsFailure } from "./classify-tls-failure.js";
import type { CertificateSummary } from "../model/certificate-summary.js";
import type { VerificationEvidence } from "../model/tls-evidence.js";
import type { TlsFailure } from "../model/tls-failure.js";

export interface ServerVerification {
  verification: Omit<VerificationEvidence, "insecure">;
  /** What a secure client must do about it, or null when the server passed. */
  failure: TlsFailure | null;
}

/**
 * Verifies the server after a handshake made with `rejectUnauthorized: false`, so the evidence always holds the
 * peer chain: trust from OpenSSL's verdict (`socket.authorized`, `authorizationError`), the name with
 * `tls.checkServerIdentity` (RFC 6125 rules as Node implements them: SAN DNS names, a CN only without DNS SANs,
 * wildcards in the left-most label, IP SANs for IP addresses). An untrusted chain wins over a wrong name.
 */
export function verifyServerCertificate(socket: TLSSocket, verifyName: string, peer: CertificateSummary | null): ServerVerification {
  const trusted = socket.authorized;
  const rawError = socket.authorizationError as unknown;
  const error = trusted ? null : rawError instanceof Error ? rawError.message : rawError === undefined ? "NO_PEER_CERTIFICATE" : String(rawError);
  const certificate = socket.getPeerCertificate();
  const hasCertificate = peer !== null && certificate.raw !== undefined;
  const nameMatches = hasCertificate ? checkServerIdentity(verifyName, certificate) === undefined : null;
  const verification = { trusted, error, nameMatches, verifiedName: verifyName };

  if (!trusted || peer === null) {
    const failure = classifyTlsFailure(error ?? "NO_PEER_CERTIFICATE", "handshake");
    const about = peer === null ? "the server sent no certificate" : `the server's certificate (${peer.subject || "no Subject Name"}, issued by ${peer.issuer})`;
    return {
      verification,
      failure: {
        ...failure,
        code: "tls-untrusted-server",
        opensslCode: error,
        message: `${about} is not trusted: ${error ?? "NO_PEER_CERTIFICATE"}; ${untrustedAdvice(error, peer)}`,
      },
    };
  }
  if (nameMatches === false) {
    const names = certificateNames(peer);
    const failure = classifyTlsFailure({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "name mismatch" }, "handshake");
    return {
      verification,
      failure: {
        ...failure,
        message:
          `the server's certificate names ${names.length === 0 ? "no host" : names.join(", ")}, not ${verifyName}` +
          (/^[\d.:]+$/.test(verifyName) ? "; connect by FQDN (or --resolve <fqdn>:<port>:<address>) so the FQDN is verified" : ""),
      },
    };
  }
  return { verification, failure: null };
}

/**
 * What to do about an untrusted server certificate, by why OpenSSL refused it: a date is the server's to fix (renew,
 * or correct its clock); only an unknown issuer is a matter of which CA we were given.
 */
function untrustedAdvice(error: string | null, peer: CertificateSummary | null): string {
  if (error === "CERT_HAS_EXPIRED") return `it expired${peer === null ? "" : ` ${peer.validTo}`}: renew the server's certificate (no --ca makes an expired one valid)`;
  if (error === "CERT_NOT_YET_VALID") return `it is valid only from ${peer?.validFrom ?? "later"}: check the server's (or this machine's) clock, or re-issue it`;
  if (error === "DEPTH_ZERO_SELF_SIGNED_CERT") {
    return "it is self-signed: re-issue it from the CA the UM and Lync servers share (Exchange's self-signed default cannot be used with Lync)";
  }
  return "give the CA that issued it with --ca (UM and Lync must chain to the same root CA)";
}
