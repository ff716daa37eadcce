import { z } from "zod";
import { exchangeNameSchema } from "./topology-dial-plan.js";
import { fqdnSchema } from "./topology-fqdn.js";

/** `Set-UMIPGateway -Status`. A disabled gateway is rejected (docs/protocol.md §5, event 1442). */
export type UmIpGatewayStatus = "Enabled" | "Disabled" | "NoNewCalls";

export const UM_IP_GATEWAY_STATUSES: readonly UmIpGatewayStatus[] = ["Enabled", "Disabled", "NoNewCalls"];

/**
 * A request-URI user part: what a pilot identifier or Subscriber Access number is matched against — a name (`dp1`,
 * `sipdp.contoso.com`) or an E.164 number with its leading `+` (`+14255550100`, as Lync dials them).
 */
export const pilotSchema = z
  .string()
  .trim()
  .regex(/^\+?[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, { message: "expected a SIP URI user part such as dp1 or +14255550100" });

/**
 * A hunt group on a UM IP gateway. docs/protocol.md §5 "What ExchUcUtil.ps1 creates": "one hunt group per SIP URI dial
 * plan: name = dial plan name, pilot identifier = the first DNS label of the dial plan's PhoneContext".
 */
export const huntGroupSchema = z.strictObject({
  dialPlan: exchangeNameSchema.describe("The dial plan this hunt group routes to"),
  name: exchangeNameSchema.optional().describe("Default: the dial plan's name"),
  pilot: pilotSchema.optional().describe("Pilot identifier; default the first DNS label of the dial plan's PhoneContext"),
});

/**
 * A UM IP gateway: the Exchange object that authorises a SIP peer by its address (docs/protocol.md §5). ExchUcUtil.ps1
 * makes one per Lync pool: name = pool name, address = pool FQDN, port 0 (= 5061 for secured dial plans).
 */
export const umIpGatewaySchema = z.strictObject({
  name: exchangeNameSchema.describe("The UM IP gateway's name (ExchUcUtil: the pool's name)"),
  address: fqdnSchema.describe("The peer's FQDN, matched against its certificate name; a server of this topology"),
  port: z.number().int().min(0).max(65535).default(0).describe("0 = 5061 for secured dial plans, 5060 otherwise"),
  status: z.enum(UM_IP_GATEWAY_STATUSES as [UmIpGatewayStatus, ...UmIpGatewayStatus[]]).default("Enabled"),
  outcallsAllowed: z
    .boolean()
    .default(true)
    .describe("docs/protocol.md §5: outgoing calls must be disabled on every UM IP gateway but one"),
  huntGroups: z.array(huntGroupSchema).default([]),
});

export type UmIpGatewaySpec = z.output<typeof umIpGatewaySchema>;
export type HuntGroupSpec = z.output<typeof huntGroupSchema>;
