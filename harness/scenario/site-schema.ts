import { z } from "zod";
import { fqdnSchema } from "../lab/index.js";
import { sipAddressSchema } from "../lab/index.js";
import { ENCRYPTION_LEVELS, type EncryptionLevel } from "../model/encryption-level.js";
import { SRTP_MODES, type SrtpMode } from "../model/srtp-mode.js";
import { parseResolveEntry, type ResolveEntry } from "../sip/resolve-map.js";
import { durationSchema, timeoutSchema } from "./duration.js";
import { siteCallsSchema } from "./site-calls.js";
import { siteEndpointsSchema } from "./site-endpoint.js";
import { siteIdentitySchema } from "./site-identity.js";
import { targetRefSchema } from "./target-ref.js";
import { TARGET_ROLES, type TargetRole } from "../model/target-role.js";

/** The site file format version this harness reads. */
export const SITE_SCHEMA_VERSION = 1;

function oneOrMore<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1)]).transform((value) => (Array.isArray(value) ? value : [value]) as z.output<T>[]);
}

const roles = z
  .strictObject(
    Object.fromEntries(TARGET_ROLES.map((role) => [role, siteEndpointsSchema.optional()])) as Record<TargetRole, z.ZodOptional<typeof siteEndpointsSchema>>,
  )
  .superRefine((bound, ctx) => {
    if (Object.values(bound).every((value) => value === undefined)) {
      ctx.addIssue({ code: "custom", message: "bind at least one role to a server", params: { hint: "e.g. roles: { callRouter: cas01.contoso.com }" } });
    }
  })
  .describe("Roles bound to real servers (docs/protocol.md §1): callRouter, umService, worker, exchange2010, pool, mediation, gateway, owa");

const user = z
  .union([sipAddressSchema, z.strictObject({ sipAddress: sipAddressSchema, alias: z.string().trim().min(1).optional().describe("A short name scenarios use (voicemail:<alias>)") })])
  .transform((value) => (typeof value === "string" ? { sipAddress: value, alias: null } : { sipAddress: value.sipAddress, alias: value.alias ?? null }))
  .describe("A UM-enabled user's SIP address, or { sipAddress, alias }");

const pilot = z
  .string()
  .trim()
  .regex(/^(?:sips?:[^@\s]+@\S+|\+?[A-Za-z0-9][A-Za-z0-9._+-]{0,127})$/i, { message: "expected a pilot such as dp1.contoso.com or +14255550100, or sip:<pilot>@<domain>" })
  .describe("A pilot: the Request-URI user part (dp1.contoso.com, +14255550100) or a whole sip: URI");

const resolveEntry = z
  .string()
  .transform((text, ctx): ResolveEntry => {
    try {
      return parseResolveEntry(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message, params: { hint: "write <fqdn>:<port>:<address>, port * for every port, e.g. cas01.contoso.com:*:10.0.0.5" } });
      return z.NEVER;
    }
  })
  .describe("<fqdn>:<port>:<address>, as curl's --resolve: connect to the address while presenting and verifying the FQDN");

/**
 * The one source of truth for site files (docs/design.md §6: "A site file binds roles to real FQDNs/URIs, the identity (PEM
 * or PFX) and CA bundle, users and pilots"). `scenarios/site.example.yaml` documents every field.
 */
export const siteSchema = z
  .strictObject({
    schemaVersion: z.literal(SITE_SCHEMA_VERSION).default(SITE_SCHEMA_VERSION).describe("The site file format version"),
    name: z.string().trim().min(1).optional().describe("A name for this deployment, for reports"),
    domain: fqdnSchema.describe("The SIP domain: the host of users' and pilots' Request-URIs"),
    roles,
    identity: siteIdentitySchema,
    identities: z
      .strictObject({ pool: siteIdentitySchema.optional(), mediation: siteIdentitySchema.optional(), gateway: siteIdentitySchema.optional(), owa: siteIdentitySchema.optional() })
      .optional()
      .describe("Another identity for a persona (default: identity)"),
    caBundle: oneOrMore(z.string().trim().min(1)).describe("CA certificates (PEM or DER) the servers' chains must lead to"),
    users: z.array(user).default([]).describe("UM-enabled users scenarios may call (voicemail:<user>)"),
    pilots: z
      .strictObject({
        subscriberAccess: oneOrMore(pilot).optional().describe("Subscriber Access (Outlook Voice Access) pilots"),
        autoAttendant: oneOrMore(pilot).optional().describe("Auto attendant pilots"),
      })
      .prefault({})
      .describe("Pilot numbers/identifiers"),
    media: z
      .strictObject({
        encryptionLevel: z
          .enum(ENCRYPTION_LEVELS as [EncryptionLevel, ...EncryptionLevel[]])
          .default("RequireEncryption")
          .describe("The pool's EncryptionLevel: what the pool persona offers unless a step says otherwise"),
        srtpMode: z
          .enum(SRTP_MODES as [SrtpMode, ...SrtpMode[]])
          .default("Required")
          .describe("The trunk's SRTPMode: what the mediation and gateway personas offer unless a step says otherwise"),
      })
      .prefault({})
      .describe("The deployment's media settings"),
    nextHop: targetRefSchema
      .optional()
      .describe(
        "Where a call's first INVITE goes when a step gives no via: a role, a server or a sip: URI (a Director, the pool, an SBC in front of Exchange); the Request-URI is sent as written (default: the Call Router, or the Exchange 2010 UM server)",
      ),
    resolve: z.array(resolveEntry).default([]).describe("Name overrides, as --resolve"),
    timeout: timeoutSchema.default(8_000).describe("Bound on each connect, handshake and final response (default 8s)"),
    calls: siteCallsSchema,
    safety: z
      .strictObject({
        maxCalls: z.number().int().min(0).max(1_000).default(10).describe("Calls placed at most in one run (0: OPTIONS and certificate checks only); exum monitor: in any hour"),
        maxDuration: timeoutSchema.default(300_000).describe("The whole run stops after this long (default 5m)"),
        maxHold: durationSchema.default(5_000).describe("Longest a call may stay up (default 5s)"),
      })
      .prefault({})
      .describe("Limits that keep a run against production servers safe: one call at a time, never load"),
  })
  .describe("An exum site: roles bound to a real Exchange UM / Lync deployment, and who we are on it");

export type SiteInput = z.input<typeof siteSchema>;
export type Site = z.output<typeof siteSchema>;
