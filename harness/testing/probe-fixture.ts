import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Test } from "tap";
import { clientOptions, labTarget, startTestLab } from "../lab/lab-test-fixture.js";
import { ensureLabPki, sharedLabPkiDir, type LabPki } from "../lab/lab-pki.js";
import type { Lab } from "../lab/lab.js";
import { builtInRoles } from "../lab/servers/sim-roles.js";
import type { SimHandler, SimHandlerFactory, SimRoleRegistry } from "../lab/servers/sim-server.js";
import type { ListenerName } from "../lab/topology/address-plan-listeners.js";
import { DEFAULT_TOPOLOGY } from "../lab/topology/topology-default.js";
import { applyOverrides } from "../lab/topology/topology-overrides.js";
import type { ServerRole } from "../model/server-role.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import type { CallProbeOptions } from "../sip/call-probe.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { createResolver } from "../sip/resolve-map.js";
import type { SipTarget } from "../sip/sip-target.js";
import type { TlsVersion } from "../tls/tls-version.js";
import { serverSecureContext } from "../tls/server-secure-context.js";
import type { InboundRequest } from "../lab/net/inbound-request.js";
import { startSipListener, type SipListener } from "./sip-test-listener.js";

/** The default lab's Call Router, alice's Mailbox server (UM service and worker) and the pool persona's FQDN. */
export const routerFqdn = "cas01.tukwila.contoso.com";
export const mailboxFqdn = "mbx01.tukwila.contoso.com";
export const poolFqdn = "pool01.contoso.com";

/** docs/protocol.md §8: a voice-mail (call answering) call for alice carries `opaque=app:voicemail` and a diversion. */
export const VOICEMAIL_PARAMS = ";opaque=app:voicemail";
export const ALICE_DIVERSION = "Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1";

/** One request a simulated server's handler received (after the host's state and fault checks). */
export interface SeenRequest {
  /** The server's FQDN. */
  readonly server: string;
  readonly listener: ListenerName;
  readonly method: string;
  readonly uri: string;
  /** The Subject CN of the client certificate the server saw, null over TCP or without one. */
  readonly peerCn: string | null;
}

export interface ProbeLabOptions {
  /** Overrides of the default topology (a dial plan's VoIPSecurity, behaviour settings, a server's certificate…). */
  topology?: unknown;
  /** Cap the TLS version of every server. */
  maxTlsVersion?: TlsVersion;
  /**
   * false: the Call Router's TLS listeners do not ask for a client certificate. No built-in lab server does that (every
   * lab TLS listener is mutual TLS), so the fixture sets the role's `tlsPolicy` (sim-server.ts), the lab's own hook.
   * @defaultValue true
   */
  requireClientCertificate?: boolean;
}

export interface ProbeLab {
  readonly lab: Lab;
  readonly pki: LabPki;
  /** Every request the lab's handlers received, in order. */
  readonly seen: SeenRequest[];
  /** The pool persona's probe options against this lab (its identity, the lab root, the lab's names). */
  readonly base: ProbeOptions;
  /** The bound port of the Call Router's mutual-TLS listener (`sip-tls`, 5061 with real ports). */
  readonly routerPort: number;
  /** The Call Router's mutual-TLS listener: `sip:[user@]cas01…:<port>;transport=tls<params>`. */
  router(user?: string | null, params?: string): SipTarget;
  /** A voice-mail call for alice through the Call Router as the pool places it, with `policy`. */
  voicemail(policy: MediaPolicy, extra?: Partial<CallProbeOptions>): { target: SipTarget; options: CallProbeOptions };
  /** The bound port of one of the lab's listeners. */
  port(server: string, listener: ListenerName): number;
}

/** Wraps a role's handler so that every request it receives is recorded in `seen` first. */
function recording(factory: SimHandlerFactory, seen: SeenRequest[], tls: SimHandler["tlsPolicy"] | undefined): SimHandlerFactory {
  return (context) => {
    const handler = factory(context);
    const wrapped: SimHandler = {
      onRequest(request) {
        seen.push({
          server: request.fqdn,
          listener: request.listener.name,
          method: request.message.method.toUpperCase(),
          uri: request.message.ruri?.toString() ?? "",
          peerCn: request.peer.certificate?.commonName ?? null,
        });
        return handler.onRequest(request);
      },
    };
    if (handler.onTlsFailure !== undefined) wrapped.onTlsFailure = (failure) => handler.onTlsFailure?.(failure);
    if (handler.close !== undefined) wrapped.close = () => handler.close?.();
    const policy = tls ?? handler.tlsPolicy?.bind(handler);
    if (policy !== undefined) wrapped.tlsPolicy = policy;
    return wrapped;
  };
}

/**
 * The embedded lab (default topology, shared lab PKI, DNS off) for one test, closed at its end, with every request
 * its servers received recorded. The client plays the pool persona.
 */
export async function probeLab(t: Test, options: ProbeLabOptions = {}): Promise<ProbeLab> {
  const seen: SeenRequest[] = [];
  const noClientCertificate = options.requireClientCertificate === false ? () => ({ requestCert: false }) : undefined;
  const roles: Partial<Record<ServerRole, SimHandlerFactory>> = {};
  for (const [role, factory] of Object.entries(builtInRoles) as [ServerRole, SimHandlerFactory][]) {
    roles[role] = recording(factory, seen, role === "callRouter" ? noClientCertificate : undefined);
  }
  const lab = await startTestLab(t, {
    roles: roles as SimRoleRegistry,
    ...(options.topology === undefined ? {} : { topology: applyOverrides(DEFAULT_TOPOLOGY, options.topology) }),
    ...(options.maxTlsVersion === undefined ? {} : { maxTlsVersion: options.maxTlsVersion }),
  });
  const base = await clientOptions(lab, "pool");
  const router = (user: string | null = null, params = "") => labTarget(lab, routerFqdn, "sip-tls", user, params);
  return {
    lab,
    pki: lab.pki,
    seen,
    base,
    routerPort: lab.port(routerFqdn, "sip-tls"),
    router,
    voicemail: (policy, extra = {}) => ({
      target: router("alice", VOICEMAIL_PARAMS),
      options: { ...base, policy, extraHeaders: [ALICE_DIVERSION], ...extra },
    }),
    port: (server, listener) => lab.port(server, listener),
  };
}

/** The lab PKI shared by the test files (lab-pki.ts `sharedLabPkiDir`), without starting a lab. */
export function sharedPki(): Promise<LabPki> {
  return ensureLabPki(sharedLabPkiDir());
}

/** The pool persona's probe options for tests that talk to no lab server (names resolve to 127.0.0.1). */
export async function poolOptions(): Promise<ProbeOptions> {
  const pki = await sharedPki();
  return {
    identity: await pki.identity("pool"),
    caPem: [pki.rootCaPem],
    resolver: createResolver({ entries: [{ host: routerFqdn, port: null, address: "127.0.0.1" }] }),
    fromDomain: poolFqdn,
    timeoutMs: 3000,
  };
}

/** The lab PKI's second root, which nobody in the lab trusts (the issuer of `signed-by-other-ca`). */
export async function otherCaPem(pki: LabPki): Promise<string> {
  const other = pki.manifest.otherCa;
  if (other === undefined) throw new Error(`the lab PKI in ${pki.dir} has no second root`);
  return readFile(join(pki.dir, other.files.cert), "utf8");
}

/**
 * A mutual-TLS server of a test's own standing in for the Call Router (cas01's lab certificate, the lab root as its
 * trust, on 127.0.0.1), for the behaviours no lab server has: a redirect loop, a downgrade, garbage replies. Closed at
 * the end of the test.
 */
export async function routerStandIn(t: Test, onRequest: (request: InboundRequest) => void): Promise<SipListener> {
  const pki = await sharedPki();
  const listener = await startSipListener({
    address: "127.0.0.1",
    port: 0,
    protocol: "tls",
    tls: serverSecureContext({ identity: await pki.identity("cas01"), caPem: [pki.rootCaPem], requestCert: true }),
    onRequest,
  });
  t.teardown(() => listener.close());
  return listener;
}
