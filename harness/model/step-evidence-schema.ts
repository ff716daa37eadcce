import { z } from "zod";
import { jsonValueSchema } from "./json-value-schema.js";
import { probeEvidenceSchema } from "./probe-result-schema.js";
import { probeFailureSchema } from "./probe-failure-schema.js";
import type { SchemaFits } from "./schema-fits.js";
import type { FailoverAttemptEvidence, FailoverEvidence, LabEvidence, LintEvidence, LintFindingEvidence, StepEvidence, WaitEvidence } from "./step-evidence.js";
import { TARGET_ROLES } from "./target-role.js";
import { certificateSummarySchema, tlsEvidenceSchema } from "./tls-evidence-schema.js";

const lintFindingEvidence = z.strictObject({
  ruleId: z.string(),
  severity: z.enum(["error", "warning"]),
  status: z.enum(["pass", "fail", "skip"]),
  title: z.string(),
  message: z.string(),
  fix: z.string().optional(),
});

export const lintFindingEvidenceSchema: z.ZodType<LintFindingEvidence> = lintFindingEvidence;
const _lintFindingEvidenceFits: SchemaFits<typeof lintFindingEvidence, LintFindingEvidence> = true;

const lintEvidence = z.strictObject({
  kind: z.literal("certs"),
  verdict: z.enum(["pass", "fail"]).nullable(),
  certificate: certificateSummarySchema.nullable(),
  chain: z.array(certificateSummarySchema),
  findings: z.array(lintFindingEvidenceSchema),
  live: jsonValueSchema,
  failure: probeFailureSchema.nullable(),
  tls: tlsEvidenceSchema.nullable(),
  durationMs: z.number(),
});

/** A certs step's {@link LintEvidence}. */
export const lintEvidenceSchema: z.ZodType<LintEvidence> = lintEvidence;
const _lintEvidenceFits: SchemaFits<typeof lintEvidence, LintEvidence> = true;

const failoverAttemptEvidence = z.strictObject({
  server: z.string(),
  role: z.enum(TARGET_ROLES).nullable(),
  evidence: probeEvidenceSchema,
});

export const failoverAttemptEvidenceSchema: z.ZodType<FailoverAttemptEvidence> = failoverAttemptEvidence;
const _failoverAttemptEvidenceFits: SchemaFits<typeof failoverAttemptEvidence, FailoverAttemptEvidence> = true;

const failoverEvidence = z.strictObject({
  kind: z.literal("failover"),
  attempts: z.array(failoverAttemptEvidenceSchema),
  servedBy: z.string().nullable(),
  failoverMs: z.number().nullable(),
  failure: probeFailureSchema.nullable(),
  durationMs: z.number(),
});

/** A failover step's {@link FailoverEvidence}. */
export const failoverEvidenceSchema: z.ZodType<FailoverEvidence> = failoverEvidence;
const _failoverEvidenceFits: SchemaFits<typeof failoverEvidence, FailoverEvidence> = true;

const labEvidence = z.strictObject({ kind: z.literal("lab"), changes: z.array(z.string()) });

export const labEvidenceSchema: z.ZodType<LabEvidence> = labEvidence;
const _labEvidenceFits: SchemaFits<typeof labEvidence, LabEvidence> = true;

const waitEvidence = z.strictObject({ kind: z.literal("wait"), ms: z.number() });

export const waitEvidenceSchema: z.ZodType<WaitEvidence> = waitEvidence;
const _waitEvidenceFits: SchemaFits<typeof waitEvidence, WaitEvidence> = true;

/**
 * A step's {@link StepEvidence}, by `kind`. A union rather than `z.discriminatedUnion`: options and call evidence is
 * itself a choice of two objects with the same `kind` values (probe-result-schema.ts), which zod cannot key on.
 */
export const stepEvidenceSchema: z.ZodType<StepEvidence> = z.union([probeEvidenceSchema, lintEvidenceSchema, failoverEvidenceSchema, labEvidenceSchema, waitEvidenceSchema]);
