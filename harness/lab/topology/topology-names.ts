import { LAB_IDENTITIES } from "../../pki/lab-identities.js";
import { labPlan } from "../../pki/lab-plan.js";
import { firstLabel } from "./topology-fqdn.js";

/**
 * The certificate a server presents when its topology entry names none: the lab identity whose FQDNs include the
 * server's (harness/pki/lab-identities.ts), else the first label of its FQDN.
 */
export function defaultCertificateName(fqdn: string): string {
  return LAB_IDENTITIES.find((identity) => identity.fqdns.includes(fqdn))?.name ?? firstLabel(fqdn);
}

/** Every certificate name `exum certs init` makes (servers and deliberate mistakes). */
export function labCertificateNames(): string[] {
  return labPlan().map((entry) => entry.name);
}

/** Exchange's default PhoneContext for a dial plan: `<name>.<domain>`, the name made a DNS label. */
export function defaultPhoneContext(dialPlanName: string, domain: string): string {
  const label = dialPlanName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return `${label === "" ? "dialplan" : label}.${domain}`;
}
