import { pemCertificates } from "./pem-certificates.js";
import type { TlsIdentity } from "./tls-identity.js";

const subjects = new Map<string, string>();

/** The Subject Name of an identity's leaf certificate (`"O=exum lab, CN=pool.contoso.com"`), parsed once. */
export function identitySubject(identity: TlsIdentity): string {
  const cached = subjects.get(identity.certPem);
  if (cached !== undefined) return cached;
  const [leaf] = pemCertificates(identity.certPem, identity.label ?? "the client identity");
  const subject = (leaf?.subject ?? "").split("\n").filter((part) => part !== "").join(", ");
  if (subjects.size >= 64) subjects.clear();
  subjects.set(identity.certPem, subject);
  return subject;
}
