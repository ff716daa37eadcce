import { z } from "zod";
import { jsonValueSchema } from "./json-value-schema.js";
import { labEventSchema } from "./lab-event-schema.js";
import { matrixResultSchema } from "./matrix-result-schema.js";
import { callProbeResultSchema, hopSchema, probeOutputSchema, probeResultSchema, traceEntrySchema } from "./probe-result-schema.js";
import { probeFailureSchema } from "./probe-failure-schema.js";
import { runErrorSchema, runResultSchema, scenarioResultSchema, stepResultSchema } from "./run-result-schema.js";
import { failoverEvidenceSchema, lintEvidenceSchema } from "./step-evidence-schema.js";
import { certificateSummarySchema, tlsEvidenceSchema } from "./tls-evidence-schema.js";

/** Where tools can find the run.json schema: its `$id`. */
export const RUN_SCHEMA_ID = "https://exum.invalid/schemas/run.schema.json";

/** The model types a reader looks up by name, each written once under `$defs` and referred to elsewhere. */
const NAMED: readonly (readonly [z.ZodType, string])[] = [
  [scenarioResultSchema, "ScenarioResult"],
  [stepResultSchema, "StepResult"],
  [runErrorSchema, "RunError"],
  [probeResultSchema, "ProbeResult"],
  [callProbeResultSchema, "CallProbeResult"],
  [hopSchema, "Hop"],
  [traceEntrySchema, "TraceEntry"],
  [tlsEvidenceSchema, "TlsEvidence"],
  [certificateSummarySchema, "CertificateSummary"],
  [probeFailureSchema, "ProbeFailure"],
  [lintEvidenceSchema, "LintEvidence"],
  [failoverEvidenceSchema, "FailoverEvidence"],
  [labEventSchema, "LabEvent"],
  [matrixResultSchema, "MatrixResult"],
  [jsonValueSchema, "JsonValue"],
];

/**
 * run.json as JSON Schema (draft 2020-12), generated from {@link runResultSchema} with zod's `z.toJSONSchema`: committed
 * as docs/run.schema.json (`npm run generate`). `unrepresentable: "any"` is a safety net only: nothing in the run
 * model is unrepresentable today (no transforms, dates or bigints), and a test would show a `{}` appearing.
 */
export function runJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id: string }>();
  for (const [schema, id] of NAMED) names.add(schema, { id });
  const generated = z.toJSONSchema(runResultSchema, { target: "draft-2020-12", io: "output", unrepresentable: "any", metadata: names });
  return { ...generated, $id: RUN_SCHEMA_ID, title: "exum run.json" };
}

/** `exum options --json` / `exum call --json` as JSON Schema (draft 2020-12): docs/probe.schema.json. */
export function probeJsonSchema(): Record<string, unknown> {
  const names = z.registry<{ id: string }>();
  for (const [schema, id] of NAMED.filter(([, name]) => !["ScenarioResult", "StepResult", "RunError", "LintEvidence", "FailoverEvidence", "LabEvent", "MatrixResult", "JsonValue"].includes(name))) names.add(schema, { id });
  const generated = z.toJSONSchema(probeOutputSchema, { target: "draft-2020-12", io: "output", unrepresentable: "any", metadata: names });
  return { ...generated, $id: "https://exum.invalid/schemas/probe.schema.json", title: "exum options/call --json" };
}
