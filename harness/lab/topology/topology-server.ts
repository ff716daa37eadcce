import { z } from "zod";
import { ENCRYPTION_LEVELS, type EncryptionLevel } from "../../model/encryption-level.js";
import { SRTP_MODES, type SrtpMode } from "../../model/srtp-mode.js";
import { certificateRequestSchema } from "./topology-certificate-request.js";
import { faultSchema } from "./topology-fault.js";
import { fqdnSchema } from "./topology-fqdn.js";
import { SERVER_STATES, type ServerState } from "./topology-server-state.js";
import { TLS_VERSIONS, type TlsVersion } from "../../tls/tls-version.js";
import { UM_STARTUP_MODES, type UmStartupMode } from "../../model/um-startup-mode.js";

/** A product version written as a number (`2016`) or a string (`"2016"`); stored as a number. */
function version<const V extends number>(versions: readonly [V, ...V[]], fallback: V, what: string) {
  const strings = versions.map(String) as [string, ...string[]];
  return z
    .union([z.literal(versions), z.enum(strings).transform((text) => Number(text) as V)])
    .default(fallback)
    .describe(`${what}: ${versions.join(", ")}`);
}

const common = {
  fqdn: fqdnSchema.describe("The server's FQDN: its certificate's Subject Name, its DNS name in the lab"),
  site: z.string().min(1).optional().describe("Where the server stands (Tukwila, Dublin…), for reports"),
  certificate: z
    .string()
    .min(1)
    .optional()
    .describe("The lab PKI certificate the server presents (a name from certs/manifest.json); default: the server's own"),
  state: z
    .enum(SERVER_STATES as [ServerState, ...ServerState[]])
    .optional()
    .describe("running | stopped | disabled | faulty; default faulty when a fault is given, else running (a fault is applied only while faulty)"),
  fault: faultSchema.optional(),
  tlsVersions: z
    .strictObject({
      min: z.enum(TLS_VERSIONS as [TlsVersion, ...TlsVersion[]]).optional().describe("The oldest TLS version the server speaks (default TLSv1.2, Node's)"),
      max: z.enum(TLS_VERSIONS as [TlsVersion, ...TlsVersion[]]).optional().describe("The newest TLS version the server speaks (default TLSv1.3)"),
    })
    .refine((range) => range.min === undefined || range.max === undefined || TLS_VERSIONS.indexOf(range.min) <= TLS_VERSIONS.indexOf(range.max), {
      message: "min is newer than max",
      params: { hint: "give min at or below max, e.g. { min: TLSv1, max: TLSv1 } for a server before TLS 1.2 support" },
    })
    .optional()
    .describe(
      "The TLS versions the server's listeners speak (docs/protocol.md §10: Exchange 2013 before CU20 / 2016 before CU9 and Lync 2013 " +
        "speak TLS 1.0 only: { min: TLSv1, max: TLSv1 }; a server hardened by disabling TLS 1.0/1.1: { min: TLSv1.2, max: TLSv1.2 })",
    ),
  certificateRequest: certificateRequestSchema.optional(),
};

const startupMode = z
  .enum(UM_STARTUP_MODES as [UmStartupMode, ...UmStartupMode[]])
  .default("TCP")
  .describe("UMStartupMode: TCP (Exchange's default) | TLS | Dual (recommended)");

const lyncVersion = version([2010, 2013, 2015, 2019] as const, 2015, "Lync Server / Skype for Business Server version");

export const callRouterSchema = z.strictObject({
  role: z.literal("callRouter"),
  ...common,
  exchangeVersion: version([2013, 2016, 2019] as const, 2016, "Exchange version"),
  startupMode,
});

export const mailboxSchema = z.strictObject({
  role: z.literal("mailbox"),
  ...common,
  exchangeVersion: version([2013, 2016, 2019] as const, 2016, "Exchange version"),
  startupMode,
});

export const exchange2010Schema = z.strictObject({
  role: z.literal("exchange2010"),
  ...common,
  exchangeVersion: version([2010] as const, 2010, "Exchange version"),
  startupMode,
});

export const poolSchema = z.strictObject({
  role: z.literal("pool"),
  ...common,
  lyncVersion,
  encryptionLevel: z
    .enum(ENCRYPTION_LEVELS as [EncryptionLevel, ...EncryptionLevel[]])
    .default("RequireEncryption")
    .describe("CsMediaConfiguration EncryptionLevel (docs/protocol.md §2)"),
  exumServersToTry: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("How many UM servers ExumRouting tries per call (docs/protocol.md §7: Lync 2010 tries 2 [3P]); every server when omitted (MS-EUMR)"),
});

export const mediationSchema = z.strictObject({
  role: z.literal("mediation"),
  ...common,
  lyncVersion,
  pool: fqdnSchema.optional().describe("The Front End pool this Mediation Server belongs to"),
  trunk: z
    .strictObject({
      gateway: fqdnSchema.optional().describe("The gateway / IP-PBX / SBC at the other end of the trunk"),
      transport: z.enum(["tls", "tcp"]).default("tls"),
      srtpMode: z
        .enum(SRTP_MODES as [SrtpMode, ...SrtpMode[]])
        .default("Required")
        .describe("Trunk SRTPMode; docs/protocol.md §2: forced to NotSupported on a TCP trunk"),
    })
    .prefault({}),
});

export const gatewaySchema = z.strictObject({ role: z.literal("gateway"), ...common });

export const owaSchema = z.strictObject({
  role: z.literal("owa"),
  ...common,
  port: z.number().int().min(1).max(65535).default(5199).describe("New-CsTrustedApplication -Port (seed: 5199)"),
  pool: fqdnSchema.optional().describe("The Lync pool the trusted application connects to"),
});

export const serverSchema = z
  .discriminatedUnion("role", [callRouterSchema, mailboxSchema, exchange2010Schema, poolSchema, mediationSchema, gatewaySchema, owaSchema])
  .describe("A lab server: its role decides its listeners and its other settings");

export type ServerSpec = z.output<typeof serverSchema>;
