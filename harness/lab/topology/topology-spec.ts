import { z } from "zod";
import { behaviourSchema } from "./topology-behaviour.js";
import { dialPlanSchema } from "./topology-dial-plan.js";
import { fqdnSchema } from "./topology-fqdn.js";
import { umIpGatewaySchema } from "./topology-gateway.js";
import { autoAttendantSchema, subscriberAccessSchema } from "./topology-pilot.js";
import { serverSchema } from "./topology-server.js";
import { umUserSchema } from "./topology-user.js";

/**
 * The shape of a topology file (docs/design.md §5): every key known, unknown keys rejected,
 * defaults filled. Cross-references are checked by {@link topologyReferenceIssues} and computed values filled by
 * {@link resolveTopology}; `topologySchema` (topology-schema.ts) chains the three.
 */
export const topologyShape = z
  .strictObject({
    schemaVersion: z.literal(1).default(1).describe("The topology file format version"),
    name: z.string().min(1).optional().describe("A name for this lab, for reports"),
    domain: fqdnSchema.default("contoso.com").describe("The SIP domain (users' addresses, default PhoneContexts)"),
    servers: z.array(serverSchema).min(1).describe("Every server of the lab, each with its own FQDN and loopback address"),
    dialPlans: z.array(dialPlanSchema).default([]).describe("SIP URI UM dial plans"),
    umIpGateways: z.array(umIpGatewaySchema).default([]).describe("UM IP gateways with their hunt groups"),
    users: z.array(umUserSchema).default([]).describe("UM-enabled users"),
    autoAttendants: z.array(autoAttendantSchema).default([]),
    subscriberAccess: z.array(subscriberAccessSchema).default([]).describe("Subscriber Access (Outlook Voice Access) pilots"),
    addressFamily: z
      .enum(["ipv4", "ipv6"])
      .default("ipv4")
      .describe(
        "ipv4: each server on a loopback address of its own (127.a.b.x); ipv6: every server on ::1 with ephemeral ports, where " +
          "Exchange 2013 and later (UCMA 4) answer and Exchange 2010 cannot be reached (docs/protocol.md §1 \"IPv6\")",
      ),
    behaviour: behaviourSchema,
  })
  .describe("An exum lab topology: the simulated Exchange UM and Lync deployment");

export type TopologySpec = z.output<typeof topologyShape>;
