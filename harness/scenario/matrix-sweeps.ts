import type { ListenerName } from "../lab/index.js";
import type { Topology } from "../lab/index.js";
import { UM_STARTUP_MODES } from "../model/um-startup-mode.js";
import type { MatrixSweep } from "../model/matrix-model.js";
import { parseEncryptionLevel, policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { ENCRYPTION_LEVELS } from "../model/encryption-level.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import { parseSrtpMode, policyForSrtpMode } from "../sdp/srtp-mode.js";
import { SRTP_MODES } from "../model/srtp-mode.js";
import { VOIP_SECURITY_VALUES } from "../model/voip-security.js";
import { PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION, STARTUP_MODE_TABLE, TRUNK_MATRIX } from "./matrix-documented.js";
import type { Persona } from "../model/persona.js";

/** One cell's call: who calls, where the first INVITE goes, what it asks for. */
export interface MatrixCall {
  readonly persona: Persona;
  /** The destination as a scenario writes it (`voicemail:alice`, `subscriberAccess`). */
  readonly ref: string;
  /** The first hop: a lab server and its listener (the Call Router's 5061, or 5060 for TCP). */
  readonly server: string;
  readonly listener: ListenerName;
  readonly transport: "tls" | "tcp";
  /** docs/protocol.md §8 "Request shapes". */
  readonly requestUri: string;
  readonly headers: readonly string[];
  readonly policy: MediaPolicy;
  /** What the offer is written for, for the report (`EncryptionLevel SupportEncryption`). */
  readonly offerFor: string;
  /** The FQDN we claim in From (the server the persona plays). */
  readonly fromDomain: string;
}

/** A sweep of `exum matrix`: two settings, a lab per distinct set of overrides, one call per cell. */
export interface MatrixSweepSpec extends Omit<MatrixSweep, "cells"> {
  /** The topology overrides (topology-overrides.ts) of the cell's lab; cells with equal overrides share one lab. */
  overrides(row: string, column: string, base: Topology): Record<string, unknown>;
  call(row: string, column: string, base: Topology): MatrixCall;
}

/** The dial plan the sweeps change: the default lab's Secured SIP URI dial plan of alice and bob. */
const DIAL_PLAN = "DP1";

function fqdnOf(base: Topology, role: string): string {
  const server = base.servers.find((candidate) => candidate.role === role);
  if (server === undefined) throw new Error(`the lab topology has no ${role} server`);
  return server.fqdn;
}

/** The Call Router is the first hop (docs/protocol.md §1 "The redirect chain" step 1). */
function callRouter(base: Topology): string {
  return fqdnOf(base, "callRouter");
}

/** Voice mail for alice, as the pool places it: "`sip:user@domain;opaque=app:voicemail` … `Diversion: <original Request-URI>`" (docs/protocol.md §8). */
function voicemail(base: Topology, policy: MediaPolicy, offerFor: string): MatrixCall {
  const alice = `alice@${base.domain}`;
  return {
    persona: "pool",
    ref: "voicemail:alice",
    server: callRouter(base),
    listener: "sip-tls",
    transport: "tls",
    requestUri: `sip:${alice};opaque=app:voicemail`,
    headers: [`Diversion: <sip:${alice}>;reason=no-answer`],
    policy,
    offerFor,
    fromDomain: fqdnOf(base, "pool"),
  };
}

/** Subscriber Access: "the Request-URI user part is the pilot …; Subscriber Access must not carry a diversion" (docs/protocol.md §8). */
function subscriberAccess(base: Topology, persona: Persona, transport: "tls" | "tcp", policy: MediaPolicy, offerFor: string): MatrixCall {
  const plan = base.dialPlans.find((candidate) => candidate.name === DIAL_PLAN);
  const pilot = plan?.phoneContext ?? `${DIAL_PLAN.toLowerCase()}.${base.domain}`;
  return {
    persona,
    ref: "subscriberAccess",
    server: callRouter(base),
    listener: transport === "tls" ? "sip-tls" : "sip-tcp",
    transport,
    requestUri: `sip:${pilot}@${base.domain}${transport === "tcp" ? ";transport=tcp" : ""}`,
    headers: [],
    policy,
    offerFor,
    fromDomain: fqdnOf(base, persona === "mediation" ? "mediation" : "gateway"),
  };
}

const dialPlan = (voipSecurity: string) => ({ dialPlans: [{ name: DIAL_PLAN, voipSecurity }] });

/** Pool EncryptionLevel × dial plan VoIPSecurity: docs/protocol.md §2's matrix and the seed's Lync Phone Edition table. */
export const POOL_ENCRYPTION_SWEEP: MatrixSweepSpec = {
  id: "pool-encryption",
  title: "Pool EncryptionLevel × dial plan VoIPSecurity",
  description:
    "The Front End pool (pool persona, mutual TLS to the Call Router on 5061) places a voice-mail call for alice with an offer written for each EncryptionLevel, into her dial plan DP1 set to each VoIPSecurity; one lab per dial plan setting.",
  persona: "pool",
  rows: { setting: "VoIPSecurity", values: VOIP_SECURITY_VALUES },
  columns: { setting: "EncryptionLevel", values: ENCRYPTION_LEVELS },
  documented: [PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION],
  overrides: (row) => dialPlan(row),
  call: (_row, column, base) => voicemail(base, policyForEncryptionLevel(parseEncryptionLevel(column)), `EncryptionLevel ${column}`),
};

/** Trunk SRTPMode × dial plan VoIPSecurity for the Mediation Server persona (scenarios/mediation-srtpmode-vs-sip-secured.yaml). */
export const TRUNK_SRTP_SWEEP: MatrixSweepSpec = {
  id: "trunk-srtp",
  title: "Trunk SRTPMode × dial plan VoIPSecurity (Mediation Server)",
  description:
    "The Mediation Server (mediation persona, mutual TLS, its own UM IP gateway on DP1) calls the Subscriber Access pilot with an offer written for each trunk SRTPMode, into DP1 set to each VoIPSecurity; one lab per dial plan setting.",
  persona: "mediation",
  rows: { setting: "VoIPSecurity", values: VOIP_SECURITY_VALUES },
  columns: { setting: "SRTPMode", values: SRTP_MODES },
  documented: [TRUNK_MATRIX],
  overrides: (row, _column, base) => ({
    ...dialPlan(row),
    umIpGateways: [{ name: "med01", address: fqdnOf(base, "mediation"), outcallsAllowed: false, huntGroups: [{ dialPlan: DIAL_PLAN }] }],
  }),
  call: (_row, column, base) => subscriberAccess(base, "mediation", "tls", policyForSrtpMode(parseSrtpMode(column)), `SRTPMode ${column}`),
};

/**
 * UMStartupMode × dial plan VoIPSecurity: every Exchange 2013/2016 server (Call Router and Mailbox) in the column's
 * startup mode. Each dial plan is called the way it is meant to be: an Unsecured one by a gateway over TCP (SRTPMode
 * forced to NotSupported, docs/protocol.md §2), a secured one by the pool over mutual TLS with SupportEncryption (which
 * works with both SIPSecured and Secured), so the cell shows the startup mode alone.
 */
export const STARTUP_MODE_SWEEP: MatrixSweepSpec = {
  id: "startup-mode",
  title: "UMStartupMode × dial plan VoIPSecurity",
  description:
    "Every Exchange 2013/2016 server (Call Router and Mailbox) in each UMStartupMode, DP1 set to each VoIPSecurity: a gateway calls the Unsecured dial plan over TCP (5060), the pool calls a secured one over mutual TLS (5061) with SupportEncryption; one lab per cell.",
  persona: "pool; gateway over TCP for Unsecured",
  rows: { setting: "VoIPSecurity", values: VOIP_SECURITY_VALUES },
  columns: { setting: "UMStartupMode", values: UM_STARTUP_MODES },
  documented: [STARTUP_MODE_TABLE],
  overrides: (row, column, base) => ({
    ...dialPlan(row),
    servers: base.servers.filter((server) => server.role === "callRouter" || server.role === "mailbox").map((server) => ({ fqdn: server.fqdn, startupMode: column })),
  }),
  call: (row, _column, base) =>
    row === "Unsecured" ? subscriberAccess(base, "gateway", "tcp", policyForSrtpMode("NotSupported"), "SRTPMode NotSupported (TCP trunk)") : voicemail(base, policyForEncryptionLevel("SupportEncryption"), "EncryptionLevel SupportEncryption"),
};

/** Every sweep, in the order `exum matrix` runs and reports them. */
export const MATRIX_SWEEPS: readonly MatrixSweepSpec[] = [POOL_ENCRYPTION_SWEEP, TRUNK_SRTP_SWEEP, STARTUP_MODE_SWEEP];
