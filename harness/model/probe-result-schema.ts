import { z } from "zod";
import { mediaEvidenceSchema } from "./media-evidence-schema.js";
import type { MsDiagnostics } from "./ms-diagnostics.js";
import type { CallProbeResult, Hop, HopTimings, Negotiated, ProbeResult } from "./probe-result.js";
import { probeFailureSchema } from "./probe-failure-schema.js";
import type { SchemaFits } from "./schema-fits.js";
import { SIGNALINGS } from "./signaling.js";
import type { ProbeEvidence } from "./step-evidence.js";
import { TARGET_ROLES } from "./target-role.js";
import { tlsEvidenceSchema } from "./tls-evidence-schema.js";
import type { TraceEntry } from "./trace-entry.js";
import { PROBE_WARNING_CODES } from "./probe-warning.js";
import { VOIP_SECURITY_VALUES } from "./voip-security.js";
import { PROBE_OUTPUT_SCHEMA_VERSION } from "./probe-output-version.js";

const msDiagnostics = z.strictObject({
  header: z.enum(["ms-diagnostics", "ms-diagnostics-public"]),
  code: z.number().nullable(),
  // Optional: run.json files recorded before the parser kept the sub-code and every parameter still read.
  subCode: z.number().nullable().optional(),
  reason: z.string().nullable(),
  source: z.string().nullable(),
  appName: z.string().nullable(),
  component: z.enum(["exchange-um-routing", "mediation-server", "sip-stack"]).nullable(),
  params: z.record(z.string(), z.string()).optional(),
  raw: z.string(),
});

export const msDiagnosticsSchema: z.ZodType<MsDiagnostics> = msDiagnostics;
const _msDiagnosticsFits: SchemaFits<typeof msDiagnostics, MsDiagnostics> = true;

const traceEntry = z.strictObject({
  direction: z.enum(["sent", "received"]),
  atMs: z.number(),
  wallTime: z.string(),
  transport: z.enum(["TLS", "TCP"]),
  local: z.string(),
  remote: z.string(),
  firstLine: z.string(),
  callId: z.string().nullable(),
  cseq: z.string().nullable(),
  raw: z.string(),
});

export const traceEntrySchema: z.ZodType<TraceEntry> = traceEntry;
const _traceEntryFits: SchemaFits<typeof traceEntry, TraceEntry> = true;

const hopTimings = z.strictObject({
  tcpConnectMs: z.number().nullable(),
  tlsHandshakeMs: z.number().nullable(),
  firstResponseMs: z.number().nullable(),
  finalResponseMs: z.number().nullable(),
});

export const hopTimingsSchema: z.ZodType<HopTimings> = hopTimings;
const _hopTimingsFits: SchemaFits<typeof hopTimings, HopTimings> = true;

const hop = z.strictObject({
  method: z.enum(["OPTIONS", "INVITE"]),
  target: z.string(),
  host: z.string().optional(),
  address: z.string().nullable(),
  port: z.number(),
  transport: z.enum(["tls", "tcp"]),
  connection: z.enum(["new", "reused"]).optional(),
  status: z.number().nullable(),
  reason: z.string().nullable(),
  provisional: z.array(z.number()),
  headers: z.record(z.string(), z.array(z.string())),
  diagnostics: z.array(msDiagnosticsSchema),
  signaling: z.enum(SIGNALINGS).nullable(),
  tls: tlsEvidenceSchema.nullable(),
  timings: hopTimingsSchema,
  failure: probeFailureSchema.nullable(),
  role: z.enum(TARGET_ROLES).nullable().optional(),
  server: z.string().nullable().optional(),
});

/** One {@link Hop}; `role` and `server` only where the runner knew the topology (absent from `exum options`/`call`). */
export const hopSchema: z.ZodType<Hop> = hop;
const _hopFits: SchemaFits<typeof hop, Hop> = true;

const negotiated = z.strictObject({
  signaling: z.enum(SIGNALINGS),
  media: z.enum(["rtp", "srtp"]).nullable(),
  suite: z.string().nullable(),
  cryptoTag: z.number().nullable(),
  profile: z.string().nullable(),
  mode: z.enum(VOIP_SECURITY_VALUES).nullable(),
});

export const negotiatedSchema: z.ZodType<Negotiated> = negotiated;
const _negotiatedFits: SchemaFits<typeof negotiated, Negotiated> = true;

const probeResultShape = {
  kind: z.enum(["options", "call"]),
  outcome: z.enum(["ok", "answered", "failed"]),
  status: z.number().nullable(),
  reason: z.string().nullable(),
  failure: probeFailureSchema.nullable(),
  tls: tlsEvidenceSchema.nullable(),
  hops: z.array(hopSchema),
  negotiated: negotiatedSchema.nullable(),
  sdp: z.strictObject({ offer: z.string().nullable(), answer: z.string().nullable() }).nullable(),
  insecure: z.boolean(),
  warnings: z.array(z.string()),
  warningCodes: z.array(z.enum(PROBE_WARNING_CODES)).optional(),
  trace: z.array(traceEntrySchema),
  startedAt: z.string(),
  durationMs: z.number(),
};

const probeResult = z.strictObject(probeResultShape);

/** A {@link ProbeResult}: `exum options`, and a matrix cell's call (stored without what reached the media port). */
export const probeResultSchema: z.ZodType<ProbeResult> = probeResult;
const _probeResultFits: SchemaFits<typeof probeResult, ProbeResult> = true;

const callProbeResult = z.strictObject({
  ...probeResultShape,
  media: mediaEvidenceSchema.nullable(),
  endedBy: z.enum(["us", "peer"]).nullable(),
  endReason: z.string().nullable().optional(),
});

/** A {@link CallProbeResult}: a call step's evidence, with the media seen and who hung up. */
export const callProbeResultSchema: z.ZodType<CallProbeResult> = callProbeResult;
const _callProbeResultFits: SchemaFits<typeof callProbeResult, CallProbeResult> = true;

/**
 * The evidence of an options or call step ({@link ProbeEvidence}). Both members have `kind` options | call (a matrix
 * cell stores a call as a plain ProbeResult), so they are told apart by `media`/`endedBy`, not by a tag: strict objects
 * make a value fit exactly one. `z.xor` (JSON Schema `oneOf`) rather than `z.union`: when neither fits, zod's union
 * reports only a member that failed on unknown keys alone (a CallProbeResult read as a ProbeResult: "media" unknown)
 * and drops the other's complaints, where the real fault is; xor keeps both for the reader (parse-run-json.ts).
 */
export const probeEvidenceSchema: z.ZodType<ProbeEvidence> = z.xor([callProbeResultSchema, probeResultSchema]);

export { PROBE_OUTPUT_SCHEMA_VERSION };

/**
 * What `exum options --json` (a ProbeResult) and `exum call --json` (a CallProbeResult) print: the result with its
 * `schemaVersion` first. Exported as docs/probe.schema.json.
 */
export const probeOutputSchema = z.xor([
  z.strictObject({ schemaVersion: z.literal(PROBE_OUTPUT_SCHEMA_VERSION), ...callProbeResult.shape }),
  z.strictObject({ schemaVersion: z.literal(PROBE_OUTPUT_SCHEMA_VERSION), ...probeResultShape }),
]);
