import type { Logger } from "../log/logger.js";
import { createResolver } from "../sip/resolve-map.js";
import { parseSipTarget } from "../sip/sip-target.js";
import type { KeylogSink } from "../tls/keylog-sink.js";
import { UNKNOWN_PLACE, type HopPlace } from "./hop-place.js";
import { listenerFor, listenerPort } from "./listener-for.js";
import type { LoadedSite } from "./loaded-site.js";
import type { SiteCredentials } from "./site-credentials.js";
import type { StepEnvironment } from "./step-environment.js";
import { SERVER_ROLES_OF } from "./target-role.js";
import { TARGET_ROLES, type TargetRole } from "../model/target-role.js";

/**
 * The role a port of an Exchange server serves when the site does not bind that host to it (docs/protocol.md §1 "Who talks
 * to whom"): a worker or UM service reached by redirect is named by its port.
 */
function roleByPort(port: number): TargetRole | null {
  if (port === 5062 || port === 5063) return "umService";
  if (port >= 5065 && port <= 5068) return "worker";
  return null;
}

/**
 * A scenario's steps against a real site: the site's `resolve:` entries then DNS, its CA bundle, the identities loaded
 * by {@link loadSiteCredentials}. A hop is placed by its host and port: a role the site binds that host to on that
 * port, else the port's usual role.
 */
export function siteEnvironment(loaded: LoadedSite, credentials: SiteCredentials, logger: Logger, keylog: KeylogSink | undefined): StepEnvironment {
  const site = loaded.site;
  const resolver = createResolver({ entries: site.resolve, timeoutMs: site.timeout });
  const placeOf = (hop: { port: number; transport: "tls" | "tcp"; target: string; host?: string }): HopPlace => {
    let host: string;
    try {
      // Where the request went: the next hop, else the Request-URI's host (a hop recorded without one).
      host = hop.host ?? parseSipTarget(hop.target, "hop").host;
    } catch {
      return UNKNOWN_PLACE;
    }
    for (const role of TARGET_ROLES) {
      for (const server of site.roles[role] ?? []) {
        if (server.fqdn !== host) continue;
        const usual = [listenerFor(role, hop.transport, "pool"), listenerFor(role, hop.transport, "gateway")]
          .flatMap((listener) => (listener === undefined ? [] : [listenerPort(SERVER_ROLES_OF[role][0] ?? "gateway", listener)]));
        const port = hop.transport === "tls" ? server.tlsPort : server.tcpPort;
        if (port === hop.port || (port === null && usual.includes(hop.port))) return { role, server: host };
      }
    }
    return { role: roleByPort(hop.port), server: host };
  };
  return {
    kind: "site",
    resolver,
    caPem: credentials.caPem,
    identity: async (persona) => credentials.personas.get(persona.persona)?.identity,
    fromDomain: (persona) => credentials.personas.get(persona.persona)?.fromDomain,
    portOf: (endpoint) => endpoint.port,
    placeOf,
    lab: null,
    logger,
    keylog,
  };
}
