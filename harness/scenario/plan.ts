import type { ListenerName } from "../lab/index.js";
import type { Fault } from "../lab/index.js";
import type { UmIpGatewayStatus } from "../lab/index.js";
import type { Topology } from "../lab/index.js";
import type { ServerState } from "../lab/index.js";
import type { CallOffer } from "../model/call-offer.js";
import type { EncryptionLevel } from "../model/encryption-level.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import type { SrtpMode } from "../model/srtp-mode.js";
import type { CallDestination } from "./call-destination.js";
import type { Persona } from "../model/persona.js";
import type { Site } from "./site-schema.js";
import type { CallExpect, CertsExpect, FailoverExpect, OptionsExpect } from "./step-expectations.js";
import type { StepKind } from "./step-kinds.js";
import type { TlsVersion } from "../tls/tls-version.js";
import type { TargetRole } from "../model/target-role.js";

/**
 * A scenario bound to a lab topology or a site (docs/design.md §3: "Scenario ──bind roles (lab topology | site file)──▶
 * Plan"): every step with its concrete targets. Pure data: no addresses (the lab's name map gives those at run time;
 * a site's `resolve` entries or DNS), no sockets.
 */
export interface Plan {
  readonly scenario: { readonly id: string; readonly name: string; readonly summary: string; readonly tags: readonly string[]; readonly file: string };
  readonly target: "lab" | "site";
  /** Lab: the topology with the scenario's overrides applied. */
  readonly topology: Topology | null;
  /** Site: the site file's settings (identity paths absolute, resolve entries, safety limits). */
  readonly site: Site | null;
  readonly persona: Persona;
  /** Whom we trust: the lab root CA, or the site's CA bundle. */
  readonly trust: { readonly kind: "lab" } | { readonly kind: "files"; readonly caFiles: readonly string[] };
  readonly timeoutMs: number;
  /** Why the scenario is not run against this target (a lab-only scenario against a site), else null. */
  readonly skip: string | null;
  /** Things a report should say about the binding (lab overrides not applied to a site …). */
  readonly notes: readonly string[];
  /** INVITEs the plan may send at most (failover counts each server tried). */
  readonly calls: number;
  readonly steps: readonly PlannedStep[];
}

/** Where a step connects: FQDN, port and transport (and the lab listener, whose port may be ephemeral at run time). */
export interface Endpoint {
  /** The reference as written (`callRouter`, `umService:mbx03`, `sip:…`). */
  readonly ref: string;
  /** The role it plays; null for a site URI whose host no role binds. */
  readonly role: TargetRole | null;
  readonly fqdn: string;
  /** The real port (docs/protocol.md §1); in the lab with ephemeral ports, look the listener up in the address plan. */
  readonly port: number;
  readonly transport: "tls" | "tcp";
  /** The lab listener (harness/lab address-plan-listeners.ts), null on a site. */
  readonly listener: ListenerName | null;
}

/** Who we are in a step: the persona and the certificate it presents. */
export interface PlannedPersona {
  readonly persona: Persona;
  readonly identity: PlannedIdentity;
  /** The FQDN we claim in From (the lab server we play); null on a site (the identity's CN is used). */
  readonly fromDomain: string | null;
}

export type PlannedIdentity =
  /** A lab PKI certificate (certs/<certificate>.*): the one the topology gives the server the persona plays. */
  | { readonly kind: "lab"; readonly certificate: string; readonly fqdn: string }
  /** Files from the site file (absolute paths); the passphrase is read from `passphraseEnv` at run time. */
  | {
      readonly kind: "files";
      readonly cert: string | null;
      readonly key: string | null;
      readonly pfx: string | null;
      readonly passphraseEnv: string | null;
    };

/** What the offer is written for, in the vocabulary it was given in, and the media policy it means. */
export type MediaSetting =
  | { readonly setting: "EncryptionLevel"; readonly value: EncryptionLevel; readonly policy: MediaPolicy }
  | { readonly setting: "SRTPMode"; readonly value: SrtpMode; readonly policy: MediaPolicy };

/** The INVITE of a call or failover step. */
export interface CallPlan {
  readonly to: string;
  readonly destination: CallDestination["kind"];
  /** The Request-URI (docs/protocol.md §8): `sip:alice@contoso.com;opaque=app:voicemail`, `sip:dp1.contoso.com@contoso.com` … */
  readonly requestUri: string;
  /** Extra headers: `Diversion: <sip:alice@contoso.com>` for call answering, nothing for pilots. */
  readonly headers: readonly string[];
  readonly media: MediaSetting;
  readonly holdMs: number;
  /** RFC 4733 digits to send, and when (ms after the answer); null: none. */
  readonly dtmf: { readonly digits: string; readonly atMs: number } | null;
  /** Offer the SRTP line with an MKI (default true). */
  readonly srtpMki: boolean;
  /** Audio (default) or fax (T.38 only). */
  readonly offer: CallOffer;
}

/** A role reference of an expectation, resolved: a role, a server, or both. */
export interface ResolvedRef {
  readonly ref: string;
  readonly role: TargetRole | null;
  /** The server's FQDN when the reference names one. */
  readonly fqdn: string | null;
}

/** The role references of a step's expectations, resolved against the topology or site. */
export interface ExpectedRefs {
  readonly redirects: readonly ResolvedRef[] | null;
  readonly servedBy: ResolvedRef | null;
  readonly tried: readonly ResolvedRef[] | null;
}

interface PlannedStepBase {
  readonly index: number;
  /** `steps[2]`, for reports and errors. */
  readonly path: string;
  readonly kind: StepKind;
  /** The step's `name`, or one made from what it does. */
  readonly name: string;
}

export interface PlannedOptions extends PlannedStepBase {
  readonly kind: "options";
  readonly persona: PlannedPersona;
  readonly endpoint: Endpoint;
  readonly requestUri: string;
  readonly timeoutMs: number;
  /** The TLS versions offered (`options.tlsVersions`); absent: the client's defaults. */
  readonly tlsVersions?: { readonly min?: TlsVersion | undefined; readonly max?: TlsVersion | undefined };
  readonly expect: OptionsExpect | null;
}

export interface PlannedCall extends PlannedStepBase {
  readonly kind: "call";
  readonly persona: PlannedPersona;
  /** The first hop (Call Router, Exchange 2010 UM server, or `via`). */
  readonly via: Endpoint;
  readonly call: CallPlan;
  readonly timeoutMs: number;
  readonly expect: CallExpect | null;
  readonly refs: ExpectedRefs;
}

export interface PlannedCerts extends PlannedStepBase {
  readonly kind: "certs";
  readonly persona: PlannedPersona;
  readonly endpoint: Endpoint;
  /** The FQDN the certificate must name. */
  readonly fqdn: string;
  /** Redundant-UM peers its SAN must cover. */
  readonly peers: readonly string[];
  readonly timeoutMs: number;
  readonly expect: CertsExpect | null;
}

export type PlannedLabChange =
  | { readonly kind: "dns-point"; readonly fqdn: string; readonly target: string }
  | { readonly kind: "dns-set"; readonly fqdn: string; readonly address: string }
  | { readonly kind: "dns-delete"; readonly fqdn: string }
  | { readonly kind: "server-state"; readonly fqdn: string; readonly state: ServerState }
  | { readonly kind: "gateway-status"; readonly name: string; readonly status: UmIpGatewayStatus }
  | { readonly kind: "fault"; readonly fqdn: string; readonly fault: Fault };

export interface PlannedLab extends PlannedStepBase {
  readonly kind: "lab";
  /** In the order they are applied: dns, server, gateway, fault. */
  readonly changes: readonly PlannedLabChange[];
}

export interface PlannedFailover extends PlannedStepBase {
  readonly kind: "failover";
  readonly persona: PlannedPersona;
  /** In MS-EUMR order, already cut to `maxServers`. */
  readonly servers: readonly Endpoint[];
  readonly call: CallPlan;
  readonly attemptTimeoutMs: number;
  readonly timeoutMs: number;
  readonly expect: FailoverExpect | null;
  readonly refs: ExpectedRefs;
}

export interface PlannedWait extends PlannedStepBase {
  readonly kind: "wait";
  readonly ms: number;
}

export type PlannedStep = PlannedOptions | PlannedCall | PlannedCerts | PlannedLab | PlannedFailover | PlannedWait;
