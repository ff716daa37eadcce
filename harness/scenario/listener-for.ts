import { roleListeners, type ListenerName, type RoleListenerOptions } from "../lab/index.js";
import type { ServerRole } from "../model/server-role.js";
import type { Persona } from "../model/persona.js";
import type { TargetRole } from "../model/target-role.js";

/**
 * The listener a persona reaches a role on (docs/protocol.md §1 "Who talks to whom"): the Mediation Server takes the pool
 * on 5070 (mutual TLS) and gateways on 5067 (TLS) / 5068 (TCP); the pool and the OWA trusted application take mutual
 * TLS only. Undefined when the role has no listener for that transport.
 */
export function listenerFor(role: TargetRole, transport: "tls" | "tcp", persona: Persona): ListenerName | undefined {
  const tls = transport === "tls";
  switch (role) {
    case "callRouter":
    case "exchange2010":
    case "gateway":
      return tls ? "sip-tls" : "sip-tcp";
    case "umService":
      return tls ? "um-tls" : "um-tcp";
    case "worker":
      return tls ? "worker-tls" : "worker-tcp";
    case "pool":
    case "owa":
      return tls ? "sip-tls" : undefined;
    case "mediation":
      if (persona === "gateway") return tls ? "gateway-tls" : "gateway-tcp";
      return tls ? "pool-mtls" : undefined;
  }
}

/** The real port of a listener of a server role (harness/lab roleListeners), or undefined when it has none. */
export function listenerPort(serverRole: ServerRole, listener: ListenerName, options: RoleListenerOptions = {}): number | undefined {
  return roleListeners(serverRole, options).find((spec) => spec.name === listener)?.port;
}

/** The role a lab listener serves: `um-tls` → umService, `worker2-tcp` → worker, `sip-tls` of a pool → pool. */
export function roleOfListener(serverRole: ServerRole, listener: ListenerName): TargetRole {
  if (listener.startsWith("um-")) return "umService";
  if (listener.startsWith("worker")) return "worker";
  if (serverRole === "mediation") return "mediation";
  return serverRole === "mailbox" ? "umService" : serverRole;
}
