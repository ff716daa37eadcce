import type { CertificateProfile } from "./certificate-profile.js";
import { LAB_IDENTITIES, type LabRole } from "./lab-identities.js";
import { type Persona } from "../model/persona.js";
import { LAB_MISTAKES } from "./lab-mistakes.js";

/** One certificate `certs init` makes, besides the two roots. */
export interface PlannedCertificate {
  readonly name: string;
  readonly kind: "server" | "mistake";
  /** Path of the files without extension, relative to the certs directory (`mbx01`, `mistakes/expired`). */
  readonly base: string;
  readonly description: string;
  readonly role?: LabRole;
  readonly personas?: readonly Persona[];
  readonly fqdns: readonly string[];
  readonly lint: { readonly fqdn?: string; readonly peers?: readonly string[] };
  readonly intendedVerdict: "valid" | "invalid";
  readonly expectedFailures: readonly string[];
  readonly expectedWarnings: readonly string[];
  readonly profile: Omit<CertificateProfile, "issuer" | "keyPair" | "now">;
  /** `root` the lab root, `other-ca` the untrusted second root, `self` self-signed. */
  readonly signer: "root" | "other-ca" | "self";
  /** Whether a PFX is written too. */
  readonly pfx: boolean;
}

/** Everything `certs init` makes: one certificate per lab identity (FQDN in CN and SAN), then the mistakes. */
export function labPlan(): PlannedCertificate[] {
  const servers: PlannedCertificate[] = LAB_IDENTITIES.map((identity) => ({
    name: identity.name,
    kind: "server",
    base: identity.name,
    description: identity.description,
    role: identity.role,
    personas: identity.personas,
    fqdns: identity.fqdns,
    lint: { fqdn: identity.fqdns[0] ?? identity.name },
    intendedVerdict: "valid",
    expectedFailures: [],
    expectedWarnings: [],
    profile: { commonName: identity.fqdns[0] ?? identity.name, dnsNames: [...identity.fqdns] },
    signer: "root",
    pfx: true,
  }));
  const mistakes: PlannedCertificate[] = LAB_MISTAKES.map((mistake) => {
    const { issuer, ...profile } = mistake.profile;
    return {
      name: mistake.name,
      kind: "mistake",
      base: `mistakes/${mistake.name}`,
      description: mistake.description,
      fqdns: profile.dnsNames ?? [],
      lint: { fqdn: mistake.fqdn, ...(mistake.peers === undefined ? {} : { peers: mistake.peers }) },
      intendedVerdict: mistake.intendedVerdict,
      expectedFailures: mistake.expectedFailures,
      expectedWarnings: mistake.expectedWarnings,
      profile,
      signer: profile.selfSigned === true ? "self" : (issuer ?? "root"),
      pfx: false,
    };
  });
  return [...servers, ...mistakes];
}
