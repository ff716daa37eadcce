import { z } from "zod";
import { HARNESS_ERROR_CODES } from "../errors/harness-error-code.js";
import { jsonValueSchema } from "./json-value-schema.js";
import { labEventSchema } from "./lab-event-schema.js";
import { matrixResultSchema } from "./matrix-result-schema.js";
import {
  RUN_SCHEMA_VERSION,
  type ExpectationResult,
  type RunError,
  type RunResult,
  type RunSummary,
  type RunTarget,
  type ScenarioResult,
  type StepKindName,
  type StepResult,
  type StepTarget,
  type VerdictCounts,
} from "./run-result.js";
import type { SchemaFits } from "./schema-fits.js";
import { stepEvidenceSchema } from "./step-evidence-schema.js";
import { VERDICTS } from "./verdict.js";

/**
 * The run model (run-result.ts) as a zod schema: what `exum report` checks a run.json against, and what
 * docs/run.schema.json is generated from. Every object is strict (a field the model does not have is an error), every
 * schema is annotated with its model type (what it accepts is that type) and checked by {@link SchemaFits} (every value
 * of the type fits, with the same keys), so the schema and the types cannot drift apart without a compile error.
 */

const verdictSchema = z.enum(VERDICTS);

const STEP_KINDS = ["options", "call", "certs", "lab", "failover", "wait"] as const satisfies readonly StepKindName[];

const runTarget = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lab"), topology: z.string() }),
  z.strictObject({ kind: z.literal("site"), name: z.string().nullable(), file: z.string() }),
]);

export const runTargetSchema: z.ZodType<RunTarget> = runTarget;
const _runTargetFits: SchemaFits<typeof runTarget, RunTarget> = true;

const verdictCounts = z.strictObject({ total: z.number(), passed: z.number(), failed: z.number(), error: z.number(), skipped: z.number() });

export const verdictCountsSchema: z.ZodType<VerdictCounts> = verdictCounts;
const _verdictCountsFits: SchemaFits<typeof verdictCounts, VerdictCounts> = true;

const runSummary = z.strictObject({
  verdict: verdictSchema,
  scenarios: verdictCountsSchema,
  steps: verdictCountsSchema,
  expectations: z.strictObject({ total: z.number(), met: z.number(), unmet: z.number() }),
});

export const runSummarySchema: z.ZodType<RunSummary> = runSummary;
const _runSummaryFits: SchemaFits<typeof runSummary, RunSummary> = true;

const runError = z.strictObject({ code: z.enum(HARNESS_ERROR_CODES), message: z.string(), hint: z.string().nullable() });

export const runErrorSchema: z.ZodType<RunError> = runError;
const _runErrorFits: SchemaFits<typeof runError, RunError> = true;

const stepTarget = z.strictObject({
  ref: z.string(),
  role: z.string().nullable(),
  fqdn: z.string().nullable(),
  port: z.number().nullable(),
  transport: z.enum(["tls", "tcp"]).nullable(),
  requestUri: z.string().nullable(),
});

export const stepTargetSchema: z.ZodType<StepTarget> = stepTarget;
const _stepTargetFits: SchemaFits<typeof stepTarget, StepTarget> = true;

const expectationResult = z.strictObject({
  path: z.string(),
  expected: jsonValueSchema,
  seen: jsonValueSchema,
  met: z.boolean(),
  message: z.string().nullable(),
});

export const expectationResultSchema: z.ZodType<ExpectationResult> = expectationResult;
const _expectationResultFits: SchemaFits<typeof expectationResult, ExpectationResult> = true;

const stepResult = z.strictObject({
  index: z.number(),
  path: z.string(),
  name: z.string(),
  kind: z.enum(STEP_KINDS),
  persona: z.string().nullable(),
  target: stepTargetSchema.nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number(),
  evidence: stepEvidenceSchema.nullable(),
  expectations: z.array(expectationResultSchema),
  verdict: verdictSchema,
  error: runErrorSchema.nullable(),
});

export const stepResultSchema: z.ZodType<StepResult> = stepResult;
const _stepResultFits: SchemaFits<typeof stepResult, StepResult> = true;

const scenarioResult = z.strictObject({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  tags: z.array(z.string()),
  file: z.string(),
  verdict: verdictSchema,
  skipReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  durationMs: z.number(),
  steps: z.array(stepResultSchema),
  error: runErrorSchema.nullable(),
  events: z.array(labEventSchema),
  notes: z.array(z.string()),
  capture: z.string().nullable().optional(),
});

export const scenarioResultSchema: z.ZodType<ScenarioResult> = scenarioResult;
const _scenarioResultFits: SchemaFits<typeof scenarioResult, ScenarioResult> = true;

const runResult = z.strictObject({
  schemaVersion: z.literal(RUN_SCHEMA_VERSION),
  runId: z.string(),
  tool: z.strictObject({ name: z.literal("exum"), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  target: runTargetSchema,
  interrupted: z.boolean(),
  summary: runSummarySchema,
  scenarios: z.array(scenarioResultSchema),
  events: z.array(labEventSchema),
  matrix: matrixResultSchema.optional(),
});

/** One run, as run.json holds it ({@link RunResult}). */
export const runResultSchema: z.ZodType<RunResult> = runResult;
const _runResultFits: SchemaFits<typeof runResult, RunResult> = true;
