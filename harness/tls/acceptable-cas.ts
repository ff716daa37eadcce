import { X509Certificate } from "node:crypto";
import { BoundedCache } from "../model/bounded-cache.js";
import type { CertificateRequestObservation } from "./certificate-request-observer.js";
import { certificateNames } from "./distinguished-name.js";
import type { TlsIdentity } from "./tls-identity.js";
import type { ClientCertificateEvidence } from "../model/tls-evidence.js";

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Each presented chain's issuer names, by its PEM: the same identity dials every hop of a run (docs/design.md §10). */
const issuerSets = new BoundedCache<string, ReadonlySet<string>>(64);

function issuersOf(identity: TlsIdentity): ReadonlySet<string> {
  return issuerSets.get(identity.certPem, () => issuersOfChain(identity.certPem));
}

/** The issuer Names (DER, hex) of every certificate we present: the leaf's issuer and each intermediate's. */
function issuersOfChain(certPem: string): ReadonlySet<string> {
  const issuers = new Set<string>();
  let leafSubject: string | null = null;
  for (const [index, block] of (certPem.match(BLOCK) ?? []).entries()) {
    try {
      const names = certificateNames(Buffer.from(new X509Certificate(block).raw));
      issuers.add(names.issuer.toString("hex"));
      // RFC 5246 §7.4.4: the names "may specify a desired distinguished name for a root CA or for a subordinate
      // CA": an intermediate we send is a CA of our chain as much as its issuer is.
      if (!names.issuer.equals(names.subject)) issuers.add(names.subject.toString("hex"));
      if (index === 0 && !names.issuer.equals(names.subject)) leafSubject = names.subject.toString("hex");
    } catch {
      // a certificate we cannot read names nothing
    }
  }
  // The leaf's own subject is not a CA of the chain (unless it issued itself).
  if (leafSubject !== null) issuers.delete(leafSubject);
  return issuers;
}

/**
 * The CA names the server listed and whether our chain's issuer is among them (RFC 5246 §7.4.4: "If the
 * certificate_authorities list is empty, then the client MAY send any certificate of the appropriate
 * ClientCertificateType"; a Windows client sends none that the list does not name, docs/protocol.md §5).
 */
export function acceptableCaEvidence(
  observation: CertificateRequestObservation | null,
  identity: TlsIdentity | undefined,
): Pick<ClientCertificateEvidence, "acceptableCAs" | "issuerListed"> {
  const names = observation?.acceptableCAs ?? null;
  const der = observation?.acceptableCaDer ?? null;
  if (names === null || der === null) return { acceptableCAs: null, issuerListed: null };
  if (der.length === 0 || identity === undefined) return { acceptableCAs: names, issuerListed: null };
  const issuers = issuersOf(identity);
  return { acceptableCAs: names, issuerListed: der.some((name) => issuers.has(name)) };
}

/**
 * Schannel cuts the list of CA names at 16 KB (KB 2464556, docs/protocol.md §5): a list whose encoded names (each with
 * its two-byte length, RFC 5246 §7.4.4) fill all but the last kilobyte is one that may have been cut. A shorter list
 * without our issuer is the server's whole trust: it does not trust our issuer.
 */
export function caListNearLimit(der: readonly string[] | null): boolean {
  if (der === null) return false;
  const bytes = der.reduce((sum, name) => sum + 2 + name.length / 2, 0);
  return bytes >= SCHANNEL_CA_LIST_BYTES - 1024;
}

/** Where Windows Schannel stops adding CA names to a CertificateRequest (KB 933430, KB 2464556). */
const SCHANNEL_CA_LIST_BYTES = 16 * 1024;

/** The finding for a list that names CAs but none of ours, or null (docs/failure-codes.md `tls-client-ca-not-listed`). */
export function caListFinding(evidence: Pick<ClientCertificateEvidence, "acceptableCAs" | "issuerListed">): string | null {
  if (evidence.issuerListed !== false) return null;
  const count = evidence.acceptableCAs?.length ?? 0;
  return (
    `tls-client-ca-not-listed: the server's CertificateRequest names ${count} CA(s), none of which issued our certificate; ` +
    "a Windows client (Lync, Exchange) would send no certificate (Schannel truncates the list past 16 KB, KB 2464556)"
  );
}
