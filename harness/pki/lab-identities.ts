import type { Persona } from "../model/persona.js";
/**
 * The lab's servers and the certificate each one gets (docs/design.md §5, §8; docs/protocol.md §1). The harness's client
 * personas use the certificate of the server they play (`personas`): `--as pool` presents pool01's certificate.
 */

/** What a lab server is, after docs/protocol.md §1 "Who talks to whom". */
export type LabRole =
  | "call-router"
  | "mailbox"
  | "exchange2010-um"
  | "lync-pool"
  | "mediation"
  | "gateway"
  | "owa-trusted-application";

export interface LabIdentity {
  readonly role: LabRole;
  /** File base name under certs/: `<name>.crt`, `<name>.key`, `<name>.chain.pem`, `<name>.pfx`. */
  readonly name: string;
  /** The FQDN (Subject Name and first SAN entry), then any other SAN entries. */
  readonly fqdns: readonly string[];
  /** Personas that present this certificate when the harness plays this server. */
  readonly personas: readonly Persona[];
  readonly description: string;
}

export const LAB_ROOT_CA = { name: "root-ca", commonName: "exum Lab Root CA" } as const;

/** A second root nobody in the lab trusts: the issuer of the "signed by another CA" mistake. */
export const LAB_OTHER_CA = { name: "other-root-ca", commonName: "exum Other Root CA (untrusted)" } as const;

export const LAB_IDENTITIES: readonly LabIdentity[] = [
  {
    role: "call-router",
    name: "cas01",
    fqdns: ["cas01.tukwila.contoso.com"],
    personas: [],
    description: "Exchange 2013/2016 Client Access: UM Call Router",
  },
  {
    role: "mailbox",
    name: "mbx01",
    fqdns: ["mbx01.tukwila.contoso.com"],
    personas: [],
    description: "Exchange 2013/2016 Mailbox, Tukwila: UM service and worker",
  },
  {
    role: "mailbox",
    name: "mbx02",
    fqdns: ["mbx02.tukwila.contoso.com"],
    personas: [],
    description: "Exchange 2013/2016 Mailbox, Tukwila: UM service and worker",
  },
  {
    role: "mailbox",
    name: "mbx03",
    fqdns: ["mbx03.dublin.contoso.com"],
    personas: [],
    description: "Exchange 2013/2016 Mailbox, Dublin: UM service and worker",
  },
  {
    role: "mailbox",
    name: "mbx04",
    fqdns: ["mbx04.dublin.contoso.com"],
    personas: [],
    description: "Exchange 2013/2016 Mailbox, Dublin: UM service and worker",
  },
  {
    role: "exchange2010-um",
    name: "um2010",
    fqdns: ["um2010.contoso.com"],
    personas: [],
    description: "Exchange 2010 Unified Messaging server",
  },
  {
    role: "lync-pool",
    name: "pool01",
    fqdns: ["pool01.contoso.com"],
    personas: ["pool"],
    description: "Lync / Skype for Business Front End pool (ExumRouting)",
  },
  {
    role: "mediation",
    name: "med01",
    fqdns: ["med01.contoso.com"],
    personas: ["mediation"],
    description: "Lync / Skype for Business Mediation Server",
  },
  {
    role: "gateway",
    name: "gw01",
    fqdns: ["gw01.contoso.com"],
    personas: ["gateway"],
    description: "VoIP gateway / SBC",
  },
  {
    role: "owa-trusted-application",
    name: "owapool",
    fqdns: ["owapool.contoso.com"],
    personas: ["owa"],
    description: "OWA IM trusted application pool (Exchange 2013 Mailbox, port 5199)",
  },
];

/** The four Mailbox servers of seed example 1 (redundant UM across Tukwila and Dublin). */
export const REDUNDANT_UM_FQDNS: readonly string[] = LAB_IDENTITIES.filter((identity) => identity.role === "mailbox").map(
  (identity) => identity.fqdns[0] ?? "",
);
