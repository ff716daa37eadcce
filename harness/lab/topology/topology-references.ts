import { roleListeners } from "./address-plan-listeners.js";
import { sameName } from "./topology-fqdn.js";
import type { InputIssue, InputPath } from "../../input/input-issue.js";
import { defaultPhoneContext, labCertificateNames } from "./topology-names.js";
import { EXCHANGE_ROLES, MAILBOX_ROLES } from "./topology-role.js";
import { type ServerRole } from "../../model/server-role.js";
import type { ServerSpec } from "./topology-server.js";
import type { TopologySpec } from "./topology-spec.js";

/** What a UM IP gateway can address: the SIP peers of Exchange UM (docs/protocol.md §1). */
const GATEWAY_PEER_ROLES: readonly ServerRole[] = ["pool", "mediation", "gateway", "owa"];

const FAULT_KINDS_HINT = "add fault: { kind: refuse | black-hole | tls-abort | slow | service-unavailable | drop-mid-call | garbage | media | sdp-in-ringing }";

function listOf(values: readonly string[]): string {
  const shown = values.slice(0, 12).join(", ");
  return values.length > 12 ? `${shown}, … (${values.length} in all)` : shown || "(none)";
}

/** Reports the second and later entries whose key repeats an earlier one (names compare without case). */
function duplicates<T>(items: readonly T[], keyOf: (item: T) => string | undefined, path: (index: number) => InputPath, what: string): InputIssue[] {
  const seen = new Map<string, number>();
  const issues: InputIssue[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item)?.toLowerCase();
    if (key === undefined) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else issues.push({ path: path(index), message: `${what} "${key}" is given twice (also at index ${first})`, hint: `keep one entry per ${what}` });
  });
  return issues;
}

/**
 * Cross-references of a topology whose shape is valid: every name it uses must exist and have the right role, and
 * nothing is given twice. Each issue names its path and the names that would be valid.
 */
export function topologyReferenceIssues(topology: TopologySpec): InputIssue[] {
  const issues: InputIssue[] = [];
  const servers = topology.servers;
  const serverByFqdn = new Map<string, ServerSpec>();
  for (const server of servers) if (!serverByFqdn.has(server.fqdn)) serverByFqdn.set(server.fqdn, server);
  const fqdnsOf = (roles: readonly ServerRole[]) => servers.filter((s) => roles.includes(s.role)).map((s) => s.fqdn);

  /** A server reference that must exist and have one of `roles`. */
  const checkServer = (fqdn: string, roles: readonly ServerRole[], path: InputPath, what: string) => {
    const server = serverByFqdn.get(fqdn);
    if (server === undefined) {
      issues.push({ path, message: `${what} "${fqdn}" is not a server of this topology`, hint: `add it under servers:, or use one of: ${listOf(fqdnsOf(roles))}` });
    } else if (!roles.includes(server.role)) {
      issues.push({ path, message: `${what} "${fqdn}" is a ${server.role} server; it must be a ${roles.join(" or ")} server`, hint: `use one of: ${listOf(fqdnsOf(roles))}` });
    }
  };

  // Servers
  issues.push(...duplicates(servers, (s) => s.fqdn, (i) => ["servers", i, "fqdn"], "server FQDN"));
  const certificates = labCertificateNames();
  servers.forEach((server, i) => {
    if (server.state === "faulty" && server.fault === undefined) {
      issues.push({ path: ["servers", i, "state"], message: "state faulty needs a fault to apply", hint: FAULT_KINDS_HINT });
    }
    if (server.certificate !== undefined && !certificates.includes(server.certificate)) {
      issues.push({
        path: ["servers", i, "certificate"],
        message: `certificate "${server.certificate}" is not in the lab PKI`,
        hint: `use one of: ${listOf(certificates)}, or omit it to use the server's own`,
      });
    }
    const listeners = roleListeners(server.role, { workerPortLayout: topology.behaviour.worker.portLayout }).map((l) => l.name);
    server.fault?.listeners?.forEach((name, k) => {
      if (!listeners.includes(name)) {
        issues.push({ path: ["servers", i, "fault", "listeners", k], message: `a ${server.role} server has no listener "${name}"`, hint: `use one of: ${listOf(listeners)}` });
      }
    });
    if (server.role === "mediation") {
      if (server.pool !== undefined) checkServer(server.pool, ["pool"], ["servers", i, "pool"], "pool");
      if (server.trunk.gateway !== undefined) checkServer(server.trunk.gateway, ["gateway"], ["servers", i, "trunk", "gateway"], "trunk gateway");
    }
    if (server.role === "owa" && server.pool !== undefined) checkServer(server.pool, ["pool"], ["servers", i, "pool"], "pool");
  });

  // Behaviour
  const worker = topology.behaviour.worker;
  if (worker.portLayout === "single" && worker.activeSlot !== 1) {
    issues.push({
      path: ["behaviour", "worker", "activeSlot"],
      message: `activeSlot ${String(worker.activeSlot)} needs the paired port layout; the single layout has slot 1 (5065/5066) only`,
      hint: "set activeSlot: 1, or portLayout: paired",
    });
  }

  // Dial plans
  const dialPlans = topology.dialPlans;
  const dialPlanNames = dialPlans.map((d) => d.name);
  const phoneContextOf = (name: string) => {
    const plan = dialPlans.find((d) => sameName(d.name, name));
    return plan === undefined ? undefined : (plan.phoneContext ?? defaultPhoneContext(plan.name, topology.domain));
  };
  issues.push(...duplicates(dialPlans, (d) => d.name, (i) => ["dialPlans", i, "name"], "dial plan"));
  issues.push(...duplicates(dialPlans, (d) => d.phoneContext ?? defaultPhoneContext(d.name, topology.domain), (i) => ["dialPlans", i, "phoneContext"], "PhoneContext"));
  dialPlans.forEach((plan, i) =>
    plan.servers.forEach((fqdn, k) => checkServer(fqdn, EXCHANGE_ROLES, ["dialPlans", i, "servers", k], "dial plan member")),
  );
  const checkDialPlan = (name: string, path: InputPath) => {
    if (!dialPlans.some((d) => sameName(d.name, name))) {
      issues.push({ path, message: `dial plan "${name}" does not exist`, hint: `add it under dialPlans:, or use one of: ${listOf(dialPlanNames)}` });
      return false;
    }
    return true;
  };
  /** The Mailbox server a pilot's calls go to: given, or the dial plan's first Mailbox-capable member. */
  const checkPilotMailbox = (dialPlan: string, mailboxServer: string | undefined, path: InputPath) => {
    if (mailboxServer !== undefined) {
      checkServer(mailboxServer, MAILBOX_ROLES, [...path, "mailboxServer"], "mailbox server");
      return;
    }
    const plan = dialPlans.find((d) => sameName(d.name, dialPlan));
    const member = plan?.servers.find((fqdn) => {
      const role = serverByFqdn.get(fqdn)?.role;
      return role !== undefined && MAILBOX_ROLES.includes(role);
    });
    if (plan !== undefined && member === undefined) {
      issues.push({ path, message: `dial plan "${dialPlan}" has no Mailbox or Exchange 2010 member to take these calls`, hint: `give mailboxServer: (one of: ${listOf(fqdnsOf(MAILBOX_ROLES))})` });
    }
  };

  // UM IP gateways and hunt groups
  issues.push(...duplicates(topology.umIpGateways, (g) => g.name, (i) => ["umIpGateways", i, "name"], "UM IP gateway"));
  topology.umIpGateways.forEach((gateway, i) => {
    checkServer(gateway.address, GATEWAY_PEER_ROLES, ["umIpGateways", i, "address"], "UM IP gateway address");
    gateway.huntGroups.forEach((group, k) => checkDialPlan(group.dialPlan, ["umIpGateways", i, "huntGroups", k, "dialPlan"]));
    issues.push(...duplicates(gateway.huntGroups, (g) => g.name ?? g.dialPlan, (k) => ["umIpGateways", i, "huntGroups", k], "hunt group"));
    issues.push(
      ...duplicates(
        gateway.huntGroups,
        (g) => g.pilot ?? phoneContextOf(g.dialPlan)?.split(".")[0],
        (k) => ["umIpGateways", i, "huntGroups", k, "pilot"],
        "pilot identifier",
      ),
    );
  });

  // Users
  issues.push(...duplicates(topology.users, (u) => u.sipAddress, (i) => ["users", i, "sipAddress"], "SIP address"));
  issues.push(...duplicates(topology.users, (u) => `${u.dialPlan.toLowerCase()}/${u.extension}`, (i) => ["users", i, "extension"], "dial plan/extension"));
  topology.users.forEach((user, i) => {
    checkDialPlan(user.dialPlan, ["users", i, "dialPlan"]);
    checkServer(user.mailboxServer, MAILBOX_ROLES, ["users", i, "mailboxServer"], "mailbox server");
  });

  // Auto attendants and Subscriber Access
  issues.push(...duplicates(topology.autoAttendants, (a) => a.name, (i) => ["autoAttendants", i, "name"], "auto attendant"));
  topology.autoAttendants.forEach((attendant, i) => {
    if (checkDialPlan(attendant.dialPlan, ["autoAttendants", i, "dialPlan"])) checkPilotMailbox(attendant.dialPlan, attendant.mailboxServer, ["autoAttendants", i]);
  });
  issues.push(...duplicates(topology.subscriberAccess, (s) => s.dialPlan, (i) => ["subscriberAccess", i, "dialPlan"], "Subscriber Access dial plan"));
  topology.subscriberAccess.forEach((access, i) => {
    if (checkDialPlan(access.dialPlan, ["subscriberAccess", i, "dialPlan"])) checkPilotMailbox(access.dialPlan, access.mailboxServer, ["subscriberAccess", i]);
  });
  return issues;
}
