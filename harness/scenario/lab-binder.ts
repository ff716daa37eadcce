import { roleListeners } from "../lab/index.js";
import { firstLabel, sameName } from "../lab/index.js";
import { effectiveSrtpMode, type Server } from "../lab/index.js";
import type { Topology } from "../lab/index.js";
import { LAB_IDENTITIES } from "../pki/lab-identities.js";
import { parseSipTarget } from "../sip/sip-target.js";
import { BindProblem } from "./bind-problem.js";
import type { CallDestination } from "./call-destination.js";
import { listenerFor, listenerPort, roleOfListener } from "./listener-for.js";
import { encryptionSetting, srtpModeSetting } from "./media-setting.js";
import type { Persona } from "../model/persona.js";
import type { Endpoint, MediaSetting, PlannedPersona, ResolvedRef } from "./plan.js";
import type { BoundDestination, RoleBinder } from "./role-binder.js";
import type { TargetRef } from "./target-ref.js";
import { SERVER_ROLES_OF, naturalTargetRole } from "./target-role.js";
import { type TargetRole } from "../model/target-role.js";

function listOf(values: readonly string[]): string {
  return values.length === 0 ? "(none)" : values.join(", ");
}

/**
 * Binds roles to the servers of a lab topology (docs/design.md §5): a role is the first server of that role in topology
 * order, a server is found by FQDN or short name, ports are the real ones of the lab's listeners
 * (harness/lab roleListeners). Addresses come from the lab's name map at run time.
 */
export function labBinder(topology: Topology): RoleBinder {
  const servers = topology.servers;
  const layout = topology.behaviour.worker.portLayout;
  const optionsOf = (server: Server) => ({ workerPortLayout: layout, ...(server.role === "owa" ? { owaPort: server.port } : {}) });

  const findServer = (name: string): Server => {
    const lower = name.toLowerCase();
    const byFqdn = servers.find((server) => server.fqdn === lower);
    if (byFqdn !== undefined) return byFqdn;
    const byLabel = servers.filter((server) => firstLabel(server.fqdn) === lower);
    const [only, other] = byLabel;
    if (only !== undefined && other === undefined) return only;
    if (only !== undefined) throw new BindProblem(`"${name}" names ${byLabel.length} lab servers`, `write the FQDN: ${listOf(byLabel.map((s) => s.fqdn))}`);
    throw new BindProblem(`"${name}" is not a server of the lab`, `use one of: ${listOf(servers.map((s) => firstLabel(s.fqdn)))} (or their FQDNs)`);
  };

  const serverIn = (role: TargetRole, name: string | null): Server => {
    const roles = SERVER_ROLES_OF[role];
    if (name === null) {
      const first = servers.find((server) => roles.includes(server.role));
      if (first === undefined) throw new BindProblem(`the lab has no ${role} (a ${roles.join(" or ")} server)`, "add one under lab: servers:, or address another role");
      return first;
    }
    const server = findServer(name);
    if (!roles.includes(server.role)) {
      const valid = servers.filter((s) => roles.includes(s.role)).map((s) => `${role}:${firstLabel(s.fqdn)}`);
      throw new BindProblem(`${server.fqdn} is a ${server.role} server; it cannot be a ${role}`, `use one of: ${listOf(valid)}`);
    }
    return server;
  };

  const endpointOf = (server: Server, role: TargetRole, ref: string, persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    const listener = listenerFor(role, transport, persona);
    const port = listener === undefined ? undefined : listenerPort(server.role, listener, optionsOf(server));
    if (listener === undefined || port === undefined) {
      throw new BindProblem(
        `${role} ${server.fqdn} takes no ${transport.toUpperCase()} connections from a ${persona}`,
        "all server-to-server SIP between Lync and Exchange UM is mutual TLS: use transport: tls",
      );
    }
    return { ref, role, fqdn: server.fqdn, port, transport, listener };
  };

  const uriEndpoint = (uri: string, ref: string): Endpoint => {
    let target;
    try {
      target = parseSipTarget(uri, "the URI");
    } catch (error) {
      throw new BindProblem((error as Error).message, "write sip:[user@]host[:port][;transport=tls|tcp] with a lab server's FQDN as host");
    }
    const server = servers.find((s) => s.fqdn === target.host);
    if (server === undefined) {
      throw new BindProblem(`${target.host} is not a server of the lab`, `the URI's host must be one of: ${listOf(servers.map((s) => s.fqdn))}; or give via:`);
    }
    const listeners = roleListeners(server.role, optionsOf(server));
    const listener = listeners.find((spec) => spec.port === target.port && spec.transport === target.transport);
    if (listener === undefined) {
      const names = listOf(listeners.map((l) => `${l.transport} ${l.port}`));
      throw new BindProblem(`${server.fqdn} has no ${target.transport.toUpperCase()} listener on port ${target.port}`, `its listeners: ${names}`);
    }
    return { ref, role: roleOfListener(server.role, listener.name), fqdn: server.fqdn, port: target.port, transport: target.transport, listener: listener.name };
  };

  const endpoint = (ref: TargetRef, persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    if (ref.kind === "uri") return uriEndpoint(ref.uri, ref.text);
    if (ref.kind === "role") return endpointOf(serverIn(ref.role, ref.server), ref.role, ref.text, persona, transport);
    const server = findServer(ref.server);
    return endpointOf(server, naturalTargetRole(server.role), ref.text, persona, transport);
  };

  /** MS-EUMR: the proxy routes to the UM servers of the dial plan; Exchange 2013+ through the Call Router. */
  const routerOf = (dialPlan: string, persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    const plan = topology.dialPlans.find((d) => sameName(d.name, dialPlan));
    const members = (plan?.servers ?? []).flatMap((fqdn) => servers.filter((server) => server.fqdn === fqdn));
    const router = members.find((s) => s.role === "callRouter") ?? members.find((s) => s.role === "exchange2010");
    if (router === undefined) {
      throw new BindProblem(`dial plan ${dialPlan} has no Call Router or Exchange 2010 UM server to send the call to`, "add one to the dial plan's servers, or give via:");
    }
    return endpointOf(router, naturalTargetRole(router.role), naturalTargetRole(router.role), persona, transport);
  };

  const findUser = (name: string) => {
    const user = topology.users.find((u) => u.sipAddress === name || u.sipAddress.split("@")[0] === name);
    if (user === undefined) {
      const names = listOf(topology.users.map((u) => u.sipAddress.split("@")[0] ?? u.sipAddress));
      throw new BindProblem(`"${name}" is not a UM-enabled user of the lab`, `use one of: ${names}, or add it under lab: users:`);
    }
    return user;
  };

  const destination = (destination: CallDestination, persona: Persona, transport: "tls" | "tcp"): BoundDestination => {
    switch (destination.kind) {
      case "voicemail": {
        const user = findUser(destination.user);
        // docs/protocol.md §8: "Request-URI is the user's voice-mail form (sip:user@domain;opaque=app:voicemail); the pool
        // … adds Diversion: <original Request-URI>".
        return {
          requestUri: `sip:${user.sipAddress};opaque=app:voicemail`,
          headers: [`Diversion: <sip:${user.sipAddress}>`],
          defaultVia: () => routerOf(user.dialPlan, persona, transport),
        };
      }
      case "subscriberAccess": {
        const key = destination.key;
        const access = topology.subscriberAccess.find((a) => key === null || sameName(a.dialPlan, key) || a.pilot === key);
        if (access === undefined) {
          const valid = listOf(topology.subscriberAccess.map((a) => `subscriberAccess:${a.dialPlan}`));
          throw new BindProblem(`the lab has no Subscriber Access number${key === null ? "" : ` for "${key}"`}`, `use one of: ${valid}, or add one under lab: subscriberAccess:`);
        }
        // docs/protocol.md §8: "the Request-URI user part is the pilot … Subscriber Access must not carry a diversion".
        return { requestUri: `sip:${access.pilot}@${topology.domain}`, headers: [], defaultVia: () => routerOf(access.dialPlan, persona, transport) };
      }
      case "autoAttendant": {
        const key = destination.key;
        const attendant = topology.autoAttendants.find((a) => key === null || sameName(a.name, key) || a.pilot === key);
        if (attendant === undefined) {
          const valid = listOf(topology.autoAttendants.map((a) => `autoAttendant:${a.name}`));
          throw new BindProblem(`the lab has no auto attendant${key === null ? "" : ` "${key}"`}`, `use one of: ${valid}, or add one under lab: autoAttendants:`);
        }
        return { requestUri: `sip:${attendant.pilot}@${topology.domain}`, headers: [], defaultVia: () => routerOf(attendant.dialPlan, persona, transport) };
      }
      case "user": {
        const address = destination.user.includes("@") ? destination.user : `${destination.user}@${topology.domain}`;
        return { requestUri: `sip:${address}`, headers: [], defaultVia: () => routerOf(findUser(destination.user).dialPlan, persona, transport) };
      }
      case "target": {
        const target = destination.target;
        if (target.kind === "uri") return { requestUri: target.uri, headers: [], defaultVia: () => uriEndpoint(target.uri, target.text) };
        const via = endpoint(target, persona, transport);
        return { requestUri: `sip:${via.fqdn}:${via.port};transport=${via.transport}`, headers: [], defaultVia: () => via };
      }
    }
  };

  const resolveRef = (ref: TargetRef): ResolvedRef => {
    if (ref.kind === "uri") throw new BindProblem("a URI is not a role", "name a role or a server");
    if (ref.kind === "role") return { ref: ref.text, role: ref.role, fqdn: ref.server === null ? null : serverIn(ref.role, ref.server).fqdn };
    return { ref: ref.text, role: null, fqdn: findServer(ref.server).fqdn };
  };

  const persona = (persona: Persona): PlannedPersona => {
    // The harness plays the lab's server of that role, with the certificate the topology gives it (docs/design.md §4).
    const server = servers.find((s) => s.role === persona);
    if (server !== undefined) {
      return { persona, identity: { kind: "lab", certificate: server.certificate, fqdn: server.fqdn }, fromDomain: server.fqdn };
    }
    const identity = LAB_IDENTITIES.find((i) => i.personas.includes(persona));
    const fqdn = identity?.fqdns[0] ?? `${persona}.${topology.domain}`;
    return { persona, identity: { kind: "lab", certificate: identity?.name ?? persona, fqdn }, fromDomain: fqdn };
  };

  const media = (persona: Persona): MediaSetting => {
    if (persona === "pool") {
      const pool = servers.find((s) => s.role === "pool");
      return encryptionSetting(pool?.role === "pool" ? pool.encryptionLevel : "RequireEncryption");
    }
    const mediations = servers.flatMap((s) => (s.role === "mediation" ? [s] : []));
    const gateway = servers.find((s) => s.role === "gateway")?.fqdn;
    const trunkOf = persona === "gateway" ? (mediations.find((m) => m.trunk.gateway === gateway) ?? mediations[0]) : mediations[0];
    const trunk = trunkOf?.trunk;
    return srtpModeSetting(trunk === undefined ? "Required" : effectiveSrtpMode(trunk));
  };

  return { kind: "lab", endpoint, resolveRef, destination, persona, media, serverFqdn: (name) => findServer(name).fqdn };
}
