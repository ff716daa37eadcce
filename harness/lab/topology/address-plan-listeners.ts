import type { ServerRole } from "../../model/server-role.js";

/** Names of a lab server's SIP listeners, stable across runs (faults and scenarios name them). */
export type ListenerName =
  | "sip-tcp"
  | "sip-tls"
  | "um-tcp"
  | "um-tls"
  | "worker-tcp"
  | "worker-tls"
  | "worker2-tcp"
  | "worker2-tls"
  | "pool-mtls"
  | "gateway-tls"
  | "gateway-tcp";

export const LISTENER_NAMES: readonly ListenerName[] = [
  "sip-tcp",
  "sip-tls",
  "um-tcp",
  "um-tls",
  "worker-tcp",
  "worker-tls",
  "worker2-tcp",
  "worker2-tls",
  "pool-mtls",
  "gateway-tls",
  "gateway-tcp",
];

/**
 * The UM worker's ports. docs/protocol.md §1: "5065–5068 (docs disagree: either 5065/5067 TCP and 5066/5068 TLS, or
 * 5065/5066 in single mode)".
 * - `paired` (default): Microsoft's Exchange 2013 port table, "Each UM worker process that's created listens on port
 *   5065 and 5067 (unsecured) and 5066 and 5068 (secured)": two worker slots, slot 1 = TCP 5065 / TLS 5066,
 *   slot 2 = TCP 5067 / TLS 5068 (the worker recycles from one slot to the other).
 * - `single`: one slot only, TCP 5065 / TLS 5066.
 */
export type WorkerPortLayout = "paired" | "single";

export const WORKER_PORT_LAYOUTS: readonly WorkerPortLayout[] = ["paired", "single"];

/** One listener a role has, with its real port (docs/protocol.md §1 table). */
export interface ListenerSpec {
  readonly name: ListenerName;
  /** `tls` listeners are mutual TLS. */
  readonly transport: "tcp" | "tls";
  readonly port: number;
  readonly description: string;
}

function worker(layout: WorkerPortLayout): ListenerSpec[] {
  const slot1: ListenerSpec[] = [
    { name: "worker-tcp", transport: "tcp", port: 5065, description: "UM worker process, TCP (slot 1)" },
    { name: "worker-tls", transport: "tls", port: 5066, description: "UM worker process, mutual TLS (slot 1)" },
  ];
  if (layout === "single") return slot1;
  return [
    ...slot1,
    { name: "worker2-tcp", transport: "tcp", port: 5067, description: "UM worker process, TCP (slot 2)" },
    { name: "worker2-tls", transport: "tls", port: 5068, description: "UM worker process, mutual TLS (slot 2)" },
  ];
}

export interface RoleListenerOptions {
  /** @defaultValue "paired" */
  workerPortLayout?: WorkerPortLayout;
  /** The OWA trusted application's port (`New-CsTrustedApplication -Port`). @defaultValue 5199 */
  owaPort?: number;
}

/**
 * Every listener a server of `role` has, whatever its UMStartupMode (the simulated server opens the TCP ones in
 * TCP/Dual mode and the TLS ones in TLS/Dual mode, {@link startupModeOpens}). Gateways are not in docs/protocol.md's
 * table; the lab gives them the usual 5060 TCP / 5061 TLS.
 */
export function roleListeners(role: ServerRole, options: RoleListenerOptions = {}): ListenerSpec[] {
  const layout = options.workerPortLayout ?? "paired";
  switch (role) {
    case "callRouter":
      return [
        { name: "sip-tcp", transport: "tcp", port: 5060, description: "UM Call Router, TCP" },
        { name: "sip-tls", transport: "tls", port: 5061, description: "UM Call Router, mutual TLS" },
      ];
    case "mailbox":
      return [
        { name: "um-tcp", transport: "tcp", port: 5062, description: "UM service, TCP" },
        { name: "um-tls", transport: "tls", port: 5063, description: "UM service, mutual TLS" },
        ...worker(layout),
      ];
    case "exchange2010":
      return [
        { name: "sip-tcp", transport: "tcp", port: 5060, description: "Exchange 2010 UM service, TCP" },
        { name: "sip-tls", transport: "tls", port: 5061, description: "Exchange 2010 UM service, mutual TLS" },
        ...worker(layout),
      ];
    case "pool":
      return [{ name: "sip-tls", transport: "tls", port: 5061, description: "Front End pool, mutual TLS" }];
    case "mediation":
      return [
        { name: "pool-mtls", transport: "tls", port: 5070, description: "Mediation Server, mutual TLS from the Front End" },
        { name: "gateway-tls", transport: "tls", port: 5067, description: "Mediation Server, TLS from gateways" },
        { name: "gateway-tcp", transport: "tcp", port: 5068, description: "Mediation Server, TCP from gateways" },
      ];
    case "gateway":
      return [
        { name: "sip-tcp", transport: "tcp", port: 5060, description: "gateway, TCP" },
        { name: "sip-tls", transport: "tls", port: 5061, description: "gateway, TLS" },
      ];
    case "owa":
      return [{ name: "sip-tls", transport: "tls", port: options.owaPort ?? 5199, description: "OWA trusted application, mutual TLS" }];
  }
}
