import { z } from "zod";
import { VOIP_SECURITY_VALUES, type VoipSecurity } from "../../model/voip-security.js";
import { fqdnSchema } from "./topology-fqdn.js";

/** Exchange object names: 1–64 characters, no leading/trailing spaces. */
export const exchangeNameSchema = z.string().trim().min(1).max(64);

/**
 * A SIP URI UM dial plan (the only kind Lync integration uses). docs/protocol.md §5: "Every Client Access and Mailbox
 * server must be added to every SIP URI dial plan, or it will not answer"; `servers` lists the members.
 */
export const dialPlanSchema = z.strictObject({
  name: exchangeNameSchema.describe("The dial plan's name (e.g. DP1)"),
  phoneContext: fqdnSchema
    .optional()
    .describe("The dial plan's PhoneContext (e.g. dp1.contoso.com); default <name>.<domain> in lower case"),
  voipSecurity: z
    .enum(VOIP_SECURITY_VALUES as [VoipSecurity, ...VoipSecurity[]])
    .default("Unsecured")
    .describe("VoIPSecurity: Unsecured (Exchange's default) | SIPSecured | Secured (docs/protocol.md §2)"),
  servers: z
    .array(fqdnSchema)
    .default([])
    .describe("Member servers: FQDNs of Call Router, Mailbox and Exchange 2010 UM servers of this topology"),
});

export type DialPlanSpec = z.output<typeof dialPlanSchema>;
