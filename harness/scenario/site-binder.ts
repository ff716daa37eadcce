import { isIP } from "node:net";
import { parseSipTarget } from "../sip/sip-target.js";
import { BindProblem } from "./bind-problem.js";
import type { CallDestination } from "./call-destination.js";
import { listenerFor, listenerPort } from "./listener-for.js";
import type { LoadedSite } from "./loaded-site.js";
import { encryptionSetting, srtpModeSetting } from "./media-setting.js";
import type { Persona } from "../model/persona.js";
import type { Endpoint, PlannedPersona, ResolvedRef } from "./plan.js";
import type { BoundDestination, RoleBinder } from "./role-binder.js";
import type { SiteEndpoint } from "./site-endpoint.js";
import { parseTargetRef, type TargetRef } from "./target-ref.js";
import { SERVER_ROLES_OF } from "./target-role.js";
import { TARGET_ROLES, type TargetRole } from "../model/target-role.js";

const firstLabel = (fqdn: string) => fqdn.split(".")[0] ?? fqdn;

/**
 * Binds roles to a real deployment (docs/design.md §6: "A site file binds roles to real FQDNs/URIs, the identity (PEM or
 * PFX) and CA bundle, users and pilots"): a role is the first server the site binds to it, ports are the site's or the
 * product's (docs/protocol.md §1), users and pilots come from the site file.
 */
export function siteBinder(loaded: LoadedSite): RoleBinder {
  const site = loaded.site;
  const bound = (role: TargetRole): readonly SiteEndpoint[] => site.roles[role] ?? [];
  const matches = (endpoint: SiteEndpoint, name: string) => endpoint.fqdn === name || firstLabel(endpoint.fqdn) === name;

  const endpointOf = (server: SiteEndpoint, role: TargetRole, ref: string, persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    const listener = listenerFor(role, transport, persona);
    const usual = listener === undefined ? undefined : listenerPort(SERVER_ROLES_OF[role][0] ?? "gateway", listener);
    const port = (transport === "tls" ? server.tlsPort : server.tcpPort) ?? usual;
    if (port === undefined || listener === undefined) {
      throw new BindProblem(
        `${role} ${server.fqdn} takes no ${transport.toUpperCase()} connections from a ${persona}`,
        "all server-to-server SIP between Lync and Exchange UM is mutual TLS: use transport: tls",
      );
    }
    return { ref, role, fqdn: server.fqdn, port, transport, listener: null };
  };

  const serverIn = (role: TargetRole, name: string | null): SiteEndpoint => {
    const list = bound(role);
    const found = name === null ? list[0] : list.find((endpoint) => matches(endpoint, name));
    if (found !== undefined) return found;
    if (list.length === 0) throw new BindProblem(`the site binds no ${role}`, `add it under roles: ${role}: in ${loaded.file}, or mark the scenario site: { labOnly: true }`);
    throw new BindProblem(`the site binds no ${role} named "${name ?? ""}"`, `its ${role} servers: ${list.map((e) => e.fqdn).join(", ")}`);
  };

  const findServer = (name: string): { server: SiteEndpoint; role: TargetRole } | undefined => {
    for (const role of TARGET_ROLES) {
      const server = bound(role).find((endpoint) => matches(endpoint, name));
      if (server !== undefined) return { server, role };
    }
    return undefined;
  };

  const uriEndpoint = (uri: string, ref: string): Endpoint => {
    let target;
    try {
      target = parseSipTarget(uri, "the URI");
    } catch (error) {
      throw new BindProblem((error as Error).message, "write sip:[user@]host[:port][;transport=tls|tcp]");
    }
    if (isIP(target.host) !== 0) throw new BindProblem(`${target.host} is an address; scenarios name servers`, `use the server's FQDN and map it under resolve: in ${loaded.file}`);
    const known = findServer(target.host);
    return { ref, role: known?.role ?? null, fqdn: target.host, port: target.port, transport: target.transport, listener: null };
  };

  const endpoint = (ref: TargetRef, persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    if (ref.kind === "uri") return uriEndpoint(ref.uri, ref.text);
    if (ref.kind === "role") return endpointOf(serverIn(ref.role, ref.server), ref.role, ref.text, persona, transport);
    const found = findServer(ref.server);
    if (found === undefined) throw new BindProblem(`the site binds no server "${ref.server}"`, `bind it to a role under roles: in ${loaded.file}`);
    return endpointOf(found.server, found.role, ref.text, persona, transport);
  };

  const router = (persona: Persona, transport: "tls" | "tcp"): Endpoint => {
    // The site's own next hop, when it names one: a call goes where Lync would send it (a Director, the pool), with the
    // Request-URI as written and no Route (docs/protocol.md §8).
    if (site.nextHop !== undefined) {
      try {
        return endpoint(parseTargetRef(site.nextHop), persona, transport);
      } catch (error) {
        if (!(error instanceof BindProblem)) throw error;
        throw new BindProblem(`nextHop "${site.nextHop}" in ${loaded.file}: ${error.message}`, error.hint);
      }
    }
    const role: TargetRole | undefined = bound("callRouter").length > 0 ? "callRouter" : bound("exchange2010").length > 0 ? "exchange2010" : undefined;
    if (role === undefined) throw new BindProblem("the site binds no callRouter or exchange2010 to send the call to", `bind one under roles: in ${loaded.file}, or give via:`);
    return endpointOf(serverIn(role, null), role, role, persona, transport);
  };

  const pilotUri = (pilot: string) => (/^sips?:/i.test(pilot) ? pilot : `sip:${pilot}@${site.domain}`);

  const findUser = (name: string) => {
    const user = site.users.find((u) => u.sipAddress === name || u.alias?.toLowerCase() === name || u.sipAddress.split("@")[0] === name);
    if (user === undefined) throw new BindProblem(`the site lists no user "${name}"`, `add it under users: in ${loaded.file} (a UM-enabled test mailbox)`);
    return user;
  };

  const destination = (destination: CallDestination, persona: Persona, transport: "tls" | "tcp"): BoundDestination => {
    const defaultVia = () => router(persona, transport);
    switch (destination.kind) {
      case "voicemail": {
        const user = findUser(destination.user);
        return { requestUri: `sip:${user.sipAddress};opaque=app:voicemail`, headers: [`Diversion: <sip:${user.sipAddress}>`], defaultVia };
      }
      case "subscriberAccess":
      case "autoAttendant": {
        const pilots = site.pilots[destination.kind] ?? [];
        const key = destination.key;
        const pilot = key === null ? pilots[0] : pilots.find((p) => p === key || pilotUri(p) === pilotUri(key));
        const what = destination.kind === "subscriberAccess" ? "Subscriber Access" : "auto attendant";
        if (pilot === undefined) throw new BindProblem(`the site lists no ${what} pilot${key === null ? "" : ` "${key}"`}`, `add it under pilots: ${destination.kind}: in ${loaded.file}`);
        return { requestUri: pilotUri(pilot), headers: [], defaultVia };
      }
      case "user": {
        const address = destination.user.includes("@") ? destination.user : findUser(destination.user).sipAddress;
        return { requestUri: `sip:${address}`, headers: [], defaultVia };
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
    const name = ref.server;
    if (name === null) return { ref: ref.text, role: ref.kind === "role" ? ref.role : null, fqdn: null };
    const found = findServer(name);
    // A server the site does not bind (a worker reached by redirect) is named by its FQDN.
    if (found === undefined && !name.includes(".")) throw new BindProblem(`the site binds no server "${name}"`, "write its FQDN, or bind it to a role under roles:");
    return { ref: ref.text, role: ref.kind === "role" ? ref.role : null, fqdn: found?.server.fqdn ?? name };
  };

  const persona = (persona: Persona): PlannedPersona => {
    const identity = site.identities?.[persona] ?? site.identity;
    return {
      persona,
      identity: { kind: "files", cert: identity.cert ?? null, key: identity.key ?? null, pfx: identity.pfx ?? null, passphraseEnv: identity.passphraseEnv ?? null },
      fromDomain: null,
    };
  };

  const media = (persona: Persona) => (persona === "pool" ? encryptionSetting(site.media.encryptionLevel) : srtpModeSetting(site.media.srtpMode));

  const serverFqdn = (name: string): string => {
    const found = findServer(name);
    if (found !== undefined) return found.server.fqdn;
    if (name.includes(".")) return name;
    throw new BindProblem(`the site binds no server "${name}"`, "write its FQDN");
  };

  return { kind: "site", endpoint, resolveRef, destination, persona, media, serverFqdn };
}
