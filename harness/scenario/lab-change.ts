import { z } from "zod";
import { faultSchema, type Fault } from "../lab/index.js";
import { UM_IP_GATEWAY_STATUSES, type UmIpGatewayStatus } from "../lab/index.js";
import { SERVER_STATES, type ServerState } from "../lab/index.js";
import { SERVER_NAME_PATTERN } from "./target-ref.js";

/**
 * `lab:` steps change the running lab (docs/design.md §5: "Name resolution is the lab's map, so 'point the A records of
 * servers 1 and 2 at servers 3 and 4' (seed example 1) is one topology change during a scenario"). Lab only: a
 * scenario with lab steps is marked `site: { labOnly: true }`.
 */

const serverName = z
  .string()
  .trim()
  .regex(SERVER_NAME_PATTERN, { message: "expected a lab server's FQDN or short name (mbx03.dublin.contoso.com, mbx03)" })
  .describe("A lab server's FQDN or short name")
  .meta({ id: "serverName" });

const LOOPBACK_OR_NAME = new RegExp(`^(?:127(?:\\.\\d{1,3}){3}|${SERVER_NAME_PATTERN.source.slice(1, -1)})$`);

const dnsChanges = z
  .record(
    serverName,
    z.union([
      z.string().trim().regex(LOOPBACK_OR_NAME, { message: "expected a lab server's name (its A record is copied) or a 127.x.y.z address" }),
      z.null(),
    ]),
  )
  .describe("A records to change: name → the server whose address it takes (pointAt), a 127.x.y.z address, or null (NXDOMAIN)");

const serverChange = z
  .strictObject({
    fqdn: serverName,
    state: z
      .enum(SERVER_STATES as [ServerState, ...ServerState[]])
      .describe("running | stopped (refuses connections) | disabled (no new calls, 503) | faulty (use fault: instead)"),
  })
  .describe("A server's new state")
  .meta({ id: "serverChange" });

const gatewayChange = z
  .strictObject({
    name: z.string().trim().min(1).optional().describe("The UM IP gateway's name (ExchUcUtil: the pool's name)"),
    address: serverName.optional().describe("Or its address (FQDN)"),
    status: z.enum(UM_IP_GATEWAY_STATUSES as [UmIpGatewayStatus, ...UmIpGatewayStatus[]]).describe("Set-UMIPGateway -Status"),
  })
  .superRefine((change, ctx) => {
    if ((change.name === undefined) === (change.address === undefined)) {
      ctx.addIssue({ code: "custom", message: "name the UM IP gateway by name or by address (one of them)", params: { hint: "e.g. gateway: { name: pool01, status: Disabled }" } });
    }
  })
  .describe("A UM IP gateway's new status")
  .meta({ id: "gatewayChange" });

/** A server's fault (harness/lab topology-fault.ts) plus the server it applies to. */
export type FaultChange = Fault & { server: string };

const faultOptions = (faultSchema as unknown as { options: readonly z.ZodObject[] }).options.map((option) => option.extend({ server: serverName }));

const faultChange = z
  .discriminatedUnion("kind", faultOptions as unknown as [z.ZodObject, ...z.ZodObject[]])
  .describe("Make a server faulty: refuse | black-hole | tls-abort | slow | service-unavailable | drop-mid-call | garbage | media")
  .meta({ id: "faultChange" }) as unknown as z.ZodType<
  FaultChange,
  Omit<z.input<typeof faultSchema>, never> & { server: string }
>;

/** One thing, or a list of them. */
function oneOrMore<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

export const labChangeSchema = z
  .strictObject({
    dns: dnsChanges.optional(),
    server: oneOrMore(serverChange).optional(),
    gateway: oneOrMore(gatewayChange).optional(),
    fault: oneOrMore(faultChange).optional(),
  })
  .superRefine((change, ctx) => {
    if (change.dns === undefined && change.server === undefined && change.gateway === undefined && change.fault === undefined) {
      ctx.addIssue({ code: "custom", message: "a lab step changes something: dns, server, gateway or fault", params: { hint: "e.g. lab: { server: { fqdn: mbx01, state: stopped } }" } });
    }
  })
  .describe("Changes to the running lab, applied in order: dns, server, gateway, fault (lab only)");

export type LabChangeSpec = z.output<typeof labChangeSchema>;
