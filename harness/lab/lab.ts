import { resolve as resolvePath } from "node:path";
import { inputError } from "../errors/harness-error.js";
import { silentLogger, type Logger } from "../log/logger.js";
import type { Persona } from "../model/persona.js";
import type { Resolver } from "../sip/resolve-map.js";
import { summarizeCertificate } from "../tls/certificate-summary.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import type { TlsVersion } from "../tls/tls-version.js";
import type { ListenerName } from "./topology/address-plan-listeners.js";
import { allocateAddressPlan } from "./net/address-plan-allocate.js";
import type { AddressPlan, PortMode } from "./net/address-plan.js";
import { CallStore } from "./servers/call-store.js";
import { EventLog, type EventLogOptions } from "./servers/event-log.js";
import { ensureLabPki, type LabPki } from "./lab-pki.js";
import { startLabDns, type LabDns } from "./net/lab-dns.js";
import { Teardown, type TeardownProblem } from "./lab-teardown.js";
import { nameMapResolver } from "./net/name-map-resolver.js";
import { NameMap } from "./net/name-map.js";
import { roleFactory } from "./servers/sim-roles.js";
import { SimServerHost } from "./servers/sim-server-host.js";
import type { SimCallTiming, SimLabView, SimListenerInfo, SimRoleRegistry } from "./servers/sim-server.js";
import { TimerSet } from "./servers/timer-set.js";
import { defaultTopology } from "./topology/topology-default.js";
import { faultSchema } from "./topology/topology-fault.js";
import { firstLabel } from "./topology/topology-fqdn.js";
import type { UmIpGatewayStatus } from "./topology/topology-gateway.js";
import { defaultCertificateName } from "./topology/topology-names.js";
import type { Server } from "./topology/topology-resolve.js";
import type { ServerRole } from "../model/server-role.js";
import type { Topology } from "./topology/topology-schema.js";
import { checkPeerHealth, type PeerHealth } from "./servers/exchange-peer-health.js";
import { EXCHANGE_ROLES } from "./topology/topology-role.js";
import type { ServerState } from "./topology/topology-server-state.js";
import { certificateRequestOption } from "./client-ca-list.js";

export interface LabOptions {
  /** @defaultValue the built-in default topology */
  topology?: Topology;
  /** Real ports on a loopback block of the lab's own, or ephemeral ports (address-plan.ts). @defaultValue "real" (Linux) */
  ports?: PortMode;
  /** The loopback /24 block, e.g. `127.42.7`. @defaultValue a random free one */
  block?: string;
  /** Where the lab PKI lives (created on first use). @defaultValue `certs` under `cwd` */
  certsDir?: string;
  /** @defaultValue process.cwd() */
  cwd?: string;
  /** Role → handler factory, merged over the built-in simulators (sim-roles.ts). */
  roles?: SimRoleRegistry;
  /** Start the lab DNS server. @defaultValue true */
  dns?: boolean;
  /** Its port. @defaultValue 0 (the kernel's choice) */
  dnsPort?: number;
  /** Cap the TLS version of every server (docs/peers.md: TLS 1.2 makes a rejected client certificate fail in the handshake). */
  maxTlsVersion?: TlsVersion;
  logger?: Logger;
  /** The deadline of `close()` (and of the tear-down after a failed start). @defaultValue 5000 */
  closeTimeoutMs?: number;
  /** Progress lines (PKI generation). */
  onProgress?: (line: string) => void;
  events?: EventLogOptions;
}

/** The defaults of {@link LabOptions} that are values (the others are computed at start). */
export const LAB_DEFAULTS = { certsDir: "certs", dns: true, dnsPort: 0, closeTimeoutMs: 5000 } as const satisfies Partial<LabOptions>;

/** A running simulated server. */
export interface LabServer {
  readonly fqdn: string;
  readonly role: ServerRole;
  /** Its own loopback address. */
  readonly address: string;
  /** The lab PKI certificate it presents (a manifest name, or `issued:<fqdn>` when the lab issued one). */
  readonly certificate: string;
  /** Its topology entry as it is now. */
  readonly spec: Server;
  readonly state: ServerState;
  listeners(): SimListenerInfo[];
}

/** The embedded lab (docs/design.md §5), running. */
export interface Lab {
  /** The lab's own copy of the topology; server states, faults and gateway statuses change in it. */
  readonly topology: Topology;
  readonly plan: AddressPlan;
  /** The lab's "DNS A records". */
  readonly names: NameMap;
  readonly dns: LabDns | null;
  readonly servers: ReadonlyMap<string, LabServer>;
  readonly pki: LabPki;
  readonly events: EventLog;
  readonly calls: CallStore;
  /** A server by FQDN or unique short name (`mbx03`); throws EXUM_LAB_UNKNOWN_SERVER. */
  server(name: string): LabServer;
  /** The port a server's listener is bound to (the real one, or the kernel's in ephemeral mode). */
  port(name: string, listener: ListenerName): number;
  /** The SIP client's resolver over the lab's name map. */
  resolver(): Resolver;
  /** The CA list a client trusts: the lab root. */
  caPem(): string[];
  /** A persona's or certificate's identity for the client (`pool`, `mediation`, `gateway`, `owa`, `mbx01`, `self-signed`…). */
  identity(name: Persona | string): Promise<TlsIdentity>;
  /** docs/protocol.md §7 / topology-server-state.ts: running | stopped | disabled | faulty (faulty needs a fault). */
  setServerState(name: string, state: ServerState): Promise<void>;
  /** Makes a server faulty with this fault (topology-fault.ts, defaults filled), or clears it (running again). */
  setFault(name: string, fault: unknown): Promise<void>;
  /**
   * Replaces the certificate a server presents, as a renewal or rotation does while it runs: a lab PKI certificate by
   * name (`expired`, `mbx02` …), `issued` for a new one issued for its FQDN by the lab root, or an identity. New
   * handshakes get it; connections already up keep the old one.
   */
  setCertificate(name: string, certificate: string | TlsIdentity): Promise<void>;
  /** `Set-UMIPGateway -Status` by gateway name or address. */
  setGatewayStatus(name: string, status: UmIpGatewayStatus): void;
  /** How a server times the calls it answers (sim-server.ts SimCallTiming); null back to the defaults. */
  setCallTiming(name: string, timing: Partial<SimCallTiming> | null): void;
  /** Points the A record of `fqdn` at the address `other` has (seed example 1). */
  pointAt(fqdn: string, other: string): void;
  /**
   * One round of an Exchange server's OPTIONS health check of its SIP peers, presenting its own certificate, with
   * events 1400/1401 (exchange-peer-health.ts, docs/protocol.md §6); throws EXUM_LAB_NOT_EXCHANGE for another role.
   */
  checkPeerHealth(name: string): Promise<PeerHealth[]>;
  readonly closed: boolean;
  /** Stops everything and frees every port, in reverse order under `closeTimeoutMs`; resolves with any problems. */
  close(): Promise<TeardownProblem[]>;
}

const DEFAULT_TIMING: SimCallTiming = { answerAfterMs: 0, byeAfterMs: null };

/** The first certificate of a PEM chain. */
function leafPem(chain: string): string {
  return /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(chain)?.[0] ?? chain;
}

/** The address of the lab DNS server: `.1` of the lab's block, else 127.0.0.1. */
function dnsAddress(plan: AddressPlan): string {
  return plan.block === null ? "127.0.0.1" : plan.block.replace(/\.0\/24$/, ".1");
}

/**
 * Starts the embedded lab: allocates its loopback addresses and ports (address-plan.ts), makes sure the lab PKI
 * exists (lab-pki.ts), starts one simulated server per topology server (sim-server.ts explains the framework;
 * sim-roles.ts the roles) and the lab DNS server. Everything is loopback. A failed start tears down what was
 * started and rethrows.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const logger = options.logger ?? silentLogger;
  const closeTimeoutMs = options.closeTimeoutMs ?? LAB_DEFAULTS.closeTimeoutMs;
  const topology = structuredClone(options.topology ?? defaultTopology());
  const teardown = new Teardown();
  const events = new EventLog(options.events);
  const calls = new CallStore();
  const timers = new TimerSet();
  const timing = new Map<string, SimCallTiming>();
  const hosts = new Map<string, SimServerHost>();
  let closing = false;
  teardown.add("calls", () => calls.close());
  teardown.add("timers", () => timers.close());

  const findServer = (name: string): Server | undefined => {
    const lower = name.trim().toLowerCase();
    const exact = topology.servers.find((server) => server.fqdn === lower);
    if (exact !== undefined) return exact;
    const short = topology.servers.filter((server) => firstLabel(server.fqdn) === lower);
    return short.length === 1 ? short[0] : undefined;
  };
  const serverOrThrow = (name: string): Server => {
    const server = findServer(name);
    if (server === undefined) {
      throw inputError("EXUM_LAB_UNKNOWN_SERVER", `${name} is not a server of the lab`, { hint: `name one of: ${topology.servers.map((s) => s.fqdn).join(", ")}` });
    }
    return server;
  };

  try {
    const plan = await allocateAddressPlan(topology, {
      ...(options.ports === undefined ? {} : { ports: options.ports }),
      ...(options.block === undefined ? {} : { block: options.block }),
    });
    const names = NameMap.fromPlan(plan);
    const certsDir = resolvePath(options.cwd ?? process.cwd(), options.certsDir ?? LAB_DEFAULTS.certsDir);
    const pki = await ensureLabPki(certsDir, options.onProgress === undefined ? {} : { onProgress: options.onProgress });
    const caPem = [pki.rootCaPem];

    const labView: SimLabView = {
      topology: () => topology,
      server: (fqdn) => topology.servers.find((server) => server.fqdn === fqdn.toLowerCase()),
      boundPort: (fqdn, listener) => hosts.get(fqdn.toLowerCase())?.listeners().find((info) => info.name === listener)?.port,
      addressOf: (fqdn) => plan.servers.find((server) => server.fqdn === fqdn.toLowerCase())?.address,
    };

    const certificateNames = new Map<string, string>();
    const identities = await Promise.all(
      plan.servers.map(async (planned) => {
        const server = serverOrThrow(planned.fqdn);
        if (pki.certificates[server.certificate] !== undefined) {
          certificateNames.set(server.fqdn, server.certificate);
          return pki.identity(server.certificate);
        }
        if (server.certificate === defaultCertificateName(server.fqdn)) {
          certificateNames.set(server.fqdn, `issued:${server.fqdn}`);
          return pki.issueFor(server.fqdn);
        }
        throw inputError("EXUM_LAB_NO_CERTIFICATE", `server ${server.fqdn}: the lab PKI in ${pki.dir} has no certificate "${server.certificate}"`, {
          field: "servers.certificate",
          hint: `name one of: ${Object.keys(pki.certificates).join(", ")}, or omit certificate`,
        });
      }),
    );

    // allSettled, not all: every server that did start is registered for tear-down before a failure is rethrown.
    const starts = await Promise.allSettled(
      plan.servers.map(async (planned, index) => {
        const fqdn = planned.fqdn;
        const identity = identities[index] as TlsIdentity;
        const host = await SimServerHost.start({
          server: () => serverOrThrow(fqdn),
          planned,
          identity: { certPem: identity.certPem, keyPem: identity.keyPem, summary: summarizeCertificate(leafPem(identity.certPem)) },
          caPem,
          factory: roleFactory(planned.role, options.roles),
          behaviour: () => topology.behaviour,
          lab: labView,
          names,
          events: events.writer(fqdn),
          calls,
          callTiming: () => timing.get(fqdn) ?? DEFAULT_TIMING,
          timers,
          logger: logger.child({ server: fqdn }),
          closing: () => closing,
          ...(options.maxTlsVersion === undefined ? {} : { maxTlsVersion: options.maxTlsVersion }),
          ...(await certificateRequestOption(serverOrThrow(fqdn), pki.rootCaPem)),
        });
        hosts.set(fqdn, host);
        teardown.add(`server ${fqdn}`, () => host.close());
      }),
    );
    const failed = starts.find((start): start is PromiseRejectedResult => start.status === "rejected");
    if (failed !== undefined) throw failed.reason;

    let dns: LabDns | null = null;
    if (options.dns ?? LAB_DEFAULTS.dns) {
      dns = await startLabDns({ map: names, address: dnsAddress(plan), port: options.dnsPort ?? LAB_DEFAULTS.dnsPort });
      const started = dns;
      teardown.add("lab DNS", () => started.close());
    }

    const servers = new Map<string, LabServer>();
    for (const planned of plan.servers) {
      const fqdn = planned.fqdn;
      servers.set(fqdn, {
        fqdn,
        role: planned.role,
        address: planned.address,
        get certificate() {
          return certificateNames.get(fqdn) ?? "";
        },
        get spec() {
          return serverOrThrow(fqdn);
        },
        get state() {
          return serverOrThrow(fqdn).state;
        },
        listeners: () => hosts.get(fqdn)?.listeners() ?? [],
      });
    }
    const labServer = (name: string): LabServer => servers.get(serverOrThrow(name).fqdn) as LabServer;
    const apply = async (server: Server) => {
      await hosts.get(server.fqdn)?.apply();
    };

    const lab: Lab = {
      topology,
      plan,
      names,
      dns,
      servers,
      pki,
      events,
      calls,
      server: labServer,
      port(name, listener) {
        const info = labServer(name)
          .listeners()
          .find((entry) => entry.name === listener);
        if (info === undefined) throw inputError("EXUM_LAB_UNKNOWN_LISTENER", `${name} has no listener ${listener}`, { hint: `its listeners: ${labServer(name).listeners().map((l) => l.name).join(", ")}` });
        return info.port;
      },
      resolver: () => nameMapResolver(names),
      caPem: () => [...caPem],
      identity: (name) => pki.identity(name),
      async checkPeerHealth(name) {
        const server = serverOrThrow(name);
        if (!EXCHANGE_ROLES.includes(server.role)) {
          throw inputError("EXUM_LAB_NOT_EXCHANGE", `${server.fqdn} is a ${server.role}, not an Exchange UM server`, { hint: "name a Call Router, Mailbox or Exchange 2010 UM server" });
        }
        const index = plan.servers.findIndex((planned) => planned.fqdn === server.fqdn);
        return checkPeerHealth({
          fqdn: server.fqdn,
          identity: identities[index] as TlsIdentity,
          caPem,
          resolver: nameMapResolver(names),
          topology,
          behaviour: topology.behaviour,
          events: events.writer(server.fqdn),
        });
      },
      async setServerState(name, state) {
        const server = serverOrThrow(name);
        if (state === "faulty" && server.fault === undefined) {
          throw inputError("EXUM_LAB_NO_FAULT", `${server.fqdn} has no fault to be faulty with`, { hint: "give it one with setFault (lab: { fault: { server, kind } })" });
        }
        server.state = state;
        await apply(server);
      },
      async setFault(name, fault) {
        const server = serverOrThrow(name);
        if (fault === null || fault === undefined) {
          delete server.fault;
          if (server.state === "faulty") server.state = "running";
        } else {
          const parsed = faultSchema.safeParse(fault);
          if (!parsed.success) {
            throw inputError("EXUM_LAB_BAD_FAULT", `not a fault: ${parsed.error.issues[0]?.message ?? "invalid"}`, { hint: "e.g. { kind: slow, delayMs: 2000 } (topology-fault.ts lists the kinds)" });
          }
          server.fault = parsed.data;
          server.state = "faulty";
        }
        await apply(server);
      },
      async setCertificate(name, certificate) {
        const server = serverOrThrow(name);
        let identity: TlsIdentity;
        let shown: string;
        if (typeof certificate !== "string") {
          identity = certificate;
          shown = certificate.label ?? "given";
        } else if (certificate === "issued") {
          identity = await pki.issueFor(server.fqdn);
          shown = `issued:${server.fqdn}`;
        } else if (pki.certificates[certificate] !== undefined) {
          identity = await pki.identity(certificate);
          shown = certificate;
        } else {
          throw inputError("EXUM_LAB_NO_CERTIFICATE", `the lab PKI in ${pki.dir} has no certificate "${certificate}"`, { hint: `name one of: ${Object.keys(pki.certificates).join(", ")}, or issued` });
        }
        hosts.get(server.fqdn)?.setIdentity({ certPem: identity.certPem, keyPem: identity.keyPem, summary: summarizeCertificate(leafPem(identity.certPem)) });
        certificateNames.set(server.fqdn, shown);
      },
      setGatewayStatus(name, status) {
        const lower = name.toLowerCase();
        const gateway = topology.umIpGateways.find((entry) => entry.name.toLowerCase() === lower || entry.address === lower);
        if (gateway === undefined) {
          throw inputError("EXUM_LAB_UNKNOWN_GATEWAY", `${name} is not a UM IP gateway of the lab`, { hint: `name one of: ${topology.umIpGateways.map((g) => g.name).join(", ")}` });
        }
        gateway.status = status;
      },
      setCallTiming(name, value) {
        const fqdn = serverOrThrow(name).fqdn;
        if (value === null) timing.delete(fqdn);
        else timing.set(fqdn, { ...DEFAULT_TIMING, ...timing.get(fqdn), ...value });
      },
      pointAt: (fqdn, other) => names.pointAt(fqdn, other),
      get closed() {
        return closing;
      },
      async close() {
        closing = true;
        timers.close();
        calls.close();
        return teardown.run(closeTimeoutMs);
      },
    };
    return lab;
  } catch (error) {
    closing = true;
    await teardown.run(closeTimeoutMs);
    throw error;
  }
}
