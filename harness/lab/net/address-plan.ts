import { roleListeners, type ListenerName } from "../topology/address-plan-listeners.js";
import { blockAddress, parseAddressBlock, randomAddressBlock, type AddressBlock } from "./address-plan-block.js";
import type { ServerRole } from "../../model/server-role.js";
import type { Topology } from "../topology/topology-schema.js";

/** `real`: every listener on its real port (5060–5068, 5070, 5199); `ephemeral`: port 0, the kernel picks. */
export type PortMode = "real" | "ephemeral";

export interface PlanOptions {
  /** @defaultValue "real"; always "ephemeral" when not on Linux */
  ports?: PortMode;
  /** The loopback /24 block (`127.42.7` or `127.42.7.0/24`), or "random". @defaultValue "random" */
  block?: string;
  /** For tests: the random source of the block. @defaultValue Math.random */
  random?: () => number;
  /** For tests. @defaultValue process.platform */
  platform?: NodeJS.Platform;
}

/** One listener of one server in the plan. */
export interface PlannedListener {
  readonly name: ListenerName;
  /** `tls` is mutual TLS. */
  readonly transport: "tcp" | "tls";
  /** The port to bind: the real port, or 0 in ephemeral mode (bind 0 and read the port back). */
  readonly port: number;
  /** The port the real product listens on (docs/protocol.md §1), whatever the mode. */
  readonly realPort: number;
  readonly description: string;
}

export interface PlannedServer {
  readonly fqdn: string;
  readonly role: ServerRole;
  /** Its own loopback address (127.a.b.x on Linux; 127.0.0.1 elsewhere; ::1 for every server of an IPv6 lab). */
  readonly address: string;
  readonly listeners: readonly PlannedListener[];
}

export interface AddressPlan {
  readonly ports: PortMode;
  /** Why the ports are what they are: as asked, not on Linux, or every server on ::1 (topology `addressFamily: ipv6`). */
  readonly portsReason: "asked" | "not-linux" | "ipv6";
  /** The /24 block the servers' addresses come from (`127.42.7.0/24`); null when every server shares 127.0.0.1. */
  readonly block: string | null;
  readonly servers: readonly PlannedServer[];
}

/**
 * Where each server of a topology listens (docs/design.md §5: "Each server gets its own loopback address and its
 * real ports"):
 * - On Linux the whole of 127.0.0.0/8 is local, so each lab takes a /24 block of its own (random unless given) and
 *   each server an address in it, in topology order from .10: the default lab's cas01 is 127.a.b.10, mbx01 .11, …
 *   Servers added by overrides are appended, so the others keep their addresses.
 * - With `ports: "real"` each listener has the real product's port (roleListeners): Call Router 5060/5061, UM service
 *   5062/5063, worker 5065–5068, pool 5061, Mediation Server 5070/5067/5068, OWA its port (5199). Two labs never
 *   fight over a port because each has its own addresses; `allocateAddressPlan` also checks the block is free.
 * - With `ports: "ephemeral"` every port is 0 (the lab binds port 0 and reads the port back).
 * - Elsewhere (macOS, Windows: only 127.0.0.1 answers) every server shares 127.0.0.1 with ephemeral ports.
 * - With the topology's `addressFamily: ipv6`, every server shares ::1 (the one IPv6 loopback address, RFC 4291
 *   §2.5.3) with ephemeral ports, since addresses cannot tell the servers apart.
 * Every listener of a role is listed whatever the server's UMStartupMode; the server opens those its mode allows.
 */
export function planAddresses(topology: Topology, options: PlanOptions = {}): AddressPlan {
  if (topology.addressFamily === "ipv6") {
    const servers = topology.servers.map((server): PlannedServer => ({ fqdn: server.fqdn, role: server.role, address: "::1", listeners: plannedListeners(topology, server, "ephemeral") }));
    return { ports: "ephemeral", portsReason: "ipv6", block: null, servers };
  }
  const linux = (options.platform ?? process.platform) === "linux";
  const ports: PortMode = linux ? (options.ports ?? "real") : "ephemeral";
  const block: AddressBlock | null = !linux
    ? null
    : options.block === undefined || options.block === "random"
      ? randomAddressBlock(options.random)
      : parseAddressBlock(options.block);
  const servers = topology.servers.map((server, index): PlannedServer => ({
    fqdn: server.fqdn,
    role: server.role,
    address: block === null ? "127.0.0.1" : blockAddress(block, index),
    listeners: plannedListeners(topology, server, ports),
  }));
  return { ports, portsReason: linux ? "asked" : "not-linux", block: block === null ? null : `${block.prefix}.0/24`, servers };
}

/** A server's listeners: the role's, on their real ports or on port 0. */
function plannedListeners(topology: Topology, server: Topology["servers"][number], ports: PortMode): PlannedListener[] {
  const specs = roleListeners(server.role, { workerPortLayout: topology.behaviour.worker.portLayout, ...(server.role === "owa" ? { owaPort: server.port } : {}) });
  return specs.map((spec) => ({ ...spec, port: ports === "real" ? spec.port : 0, realPort: spec.port }));
}

/** The plan of one server, by FQDN (any case). */
export function plannedServer(plan: AddressPlan, fqdn: string): PlannedServer | undefined {
  const name = fqdn.toLowerCase();
  return plan.servers.find((server) => server.fqdn === name);
}

/** One listener of one server, by FQDN and listener name. */
export function plannedListener(plan: AddressPlan, fqdn: string, name: ListenerName): PlannedListener | undefined {
  return plannedServer(plan, fqdn)?.listeners.find((listener) => listener.name === name);
}
