import type { SrtpMode } from "../../model/srtp-mode.js";
import { firstLabel, sameName } from "./topology-fqdn.js";
import type { DialPlanSpec } from "./topology-dial-plan.js";
import type { HuntGroupSpec, UmIpGatewaySpec } from "./topology-gateway.js";
import { defaultCertificateName, defaultPhoneContext } from "./topology-names.js";
import type { AutoAttendantSpec, SubscriberAccessSpec } from "./topology-pilot.js";
import { MAILBOX_ROLES } from "./topology-role.js";
import { type ServerRole } from "../../model/server-role.js";
import type { ServerSpec } from "./topology-server.js";
import type { ServerState } from "./topology-server-state.js";
import type { TopologySpec } from "./topology-spec.js";

/** A server with its certificate and state decided. */
export type Server = ServerSpec & { certificate: string; state: ServerState };
/** The server of one role: `ServerOf<"pool">` has `encryptionLevel`. */
export type ServerOf<R extends ServerRole> = Extract<Server, { role: R }>;
export type DialPlan = DialPlanSpec & { phoneContext: string };
export type HuntGroup = HuntGroupSpec & { name: string; pilot: string };
export type UmIpGateway = Omit<UmIpGatewaySpec, "huntGroups"> & { huntGroups: HuntGroup[] };
export type AutoAttendant = AutoAttendantSpec & { mailboxServer: string };
export type SubscriberAccess = SubscriberAccessSpec & { pilot: string; mailboxServer: string };

/** A valid topology with every computed value filled in: what the lab runs. */
export type ResolvedTopology = Omit<TopologySpec, "servers" | "dialPlans" | "umIpGateways" | "autoAttendants" | "subscriberAccess"> & {
  servers: Server[];
  dialPlans: DialPlan[];
  umIpGateways: UmIpGateway[];
  autoAttendants: AutoAttendant[];
  subscriberAccess: SubscriberAccess[];
};

/**
 * The trunk SRTPMode that applies. docs/protocol.md §2 "Trunk SRTPMode": "Used only when the trunk is TLS; on a TCP
 * trunk it is forced to `NotSupported`."
 */
export function effectiveSrtpMode(trunk: { transport: "tls" | "tcp"; srtpMode: SrtpMode }): SrtpMode {
  return trunk.transport === "tcp" ? "NotSupported" : trunk.srtpMode;
}

function resolveServer(server: ServerSpec): Server {
  const resolved = {
    ...server,
    certificate: server.certificate ?? defaultCertificateName(server.fqdn),
    state: server.state ?? (server.fault === undefined ? "running" : "faulty"),
  };
  if (resolved.role === "mediation") return { ...resolved, trunk: { ...resolved.trunk, srtpMode: effectiveSrtpMode(resolved.trunk) } };
  return resolved;
}

/**
 * Fills what a topology may leave out, from the rest of it (run only on a topology whose references are valid):
 * - a server's certificate: its own (`defaultCertificateName`); its state: `faulty` when it has a fault, else `running`;
 * - a Mediation Server's trunk SRTPMode: `NotSupported` on a TCP trunk (docs/protocol.md §2);
 * - a dial plan's PhoneContext: `<name>.<domain>`;
 * - a hunt group's name: its dial plan's; its pilot: "the first DNS label of the dial plan's PhoneContext"
 *   (docs/protocol.md §5, as ExchUcUtil.ps1 makes them);
 * - a Subscriber Access pilot: the dial plan's PhoneContext (`sip:sipdp.contoso.com@contoso.com`, docs/protocol.md §8);
 * - an auto attendant's or Subscriber Access number's Mailbox server: the dial plan's first Mailbox-capable member.
 */
export function resolveTopology(spec: TopologySpec): ResolvedTopology {
  const servers = spec.servers.map(resolveServer);
  const dialPlans: DialPlan[] = spec.dialPlans.map((plan) => ({ ...plan, phoneContext: plan.phoneContext ?? defaultPhoneContext(plan.name, spec.domain) }));
  const planOf = (name: string): DialPlan | undefined => dialPlans.find((plan) => sameName(plan.name, name));
  const firstMailbox = (name: string): string =>
    planOf(name)?.servers.find((fqdn) => {
      const role = servers.find((server) => server.fqdn === fqdn)?.role;
      return role !== undefined && MAILBOX_ROLES.includes(role);
    }) ?? "";
  return {
    ...spec,
    servers,
    dialPlans,
    umIpGateways: spec.umIpGateways.map((gateway) => ({
      ...gateway,
      huntGroups: gateway.huntGroups.map((group) => ({
        ...group,
        name: group.name ?? group.dialPlan,
        pilot: group.pilot ?? firstLabel(planOf(group.dialPlan)?.phoneContext ?? group.dialPlan),
      })),
    })),
    autoAttendants: spec.autoAttendants.map((attendant) => ({ ...attendant, mailboxServer: attendant.mailboxServer ?? firstMailbox(attendant.dialPlan) })),
    subscriberAccess: spec.subscriberAccess.map((access) => ({
      ...access,
      pilot: access.pilot ?? planOf(access.dialPlan)?.phoneContext ?? access.dialPlan,
      mailboxServer: access.mailboxServer ?? firstMailbox(access.dialPlan),
    })),
  };
}
