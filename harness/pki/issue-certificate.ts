import { buildCertificate } from "./build-certificate.js";
import type { CertificateProfile } from "./certificate-profile.js";
import type { CertificateAuthority, IssuedCertificate } from "./issued-certificate.js";

/**
 * Issues one certificate for `profile`, signed by `ca` — or by `profile.issuer` when set (the "signed by another
 * CA" mistake), or by its own key when `profile.selfSigned`. Returns PEM strings; writes nothing.
 */
export function issueCertificate(ca: CertificateAuthority, profile: CertificateProfile): IssuedCertificate {
  if (profile.selfSigned === true) return buildCertificate(profile, undefined);
  return buildCertificate(profile, profile.issuer ?? ca);
}
