import { z } from "zod";
import { failureDefinition, isFailureCode } from "../model/failure-code.js";
import {
  diagnosticsExpectSchema,
  failureExpectSchema,
  lintExpectSchema,
  maxMsSchema,
  mediaExpectSchema,
  negotiatedExpectSchema,
  statusExpectSchema,
  tlsExpectSchema,
} from "./expect-fields.js";
import { PROBE_WARNING_CODES } from "../model/probe-warning.js";
import { roleRefSchema } from "./target-ref.js";

/**
 * What a step expects, checked against its evidence (docs/design.md §3: "Verdicts are computed from evidence"). Every
 * field is optional; a step without `expect` passes when it ran without a harness error. One schema per step kind,
 * so a field that kind cannot observe is an unknown key.
 */

type Outcome = "ok" | "answered" | "failed";

/** `failure` needs a failed outcome; `negotiated` an answered one. */
function consistent(expect: { outcome?: Outcome; failure?: string; negotiated?: unknown }, ctx: z.RefinementCtx): void {
  if (expect.failure !== undefined && expect.outcome !== undefined && expect.outcome !== "failed") {
    ctx.addIssue({ code: "custom", path: ["failure"], message: `a failure code goes with outcome: failed, not ${expect.outcome}`, params: { hint: "remove failure, or expect outcome: failed" } });
  }
  // A call answered and then failed on its media or its end still negotiated something (docs/media.md §7).
  const afterAnswer = expect.failure !== undefined && isFailureCode(expect.failure) && (failureDefinition(expect.failure).layer === "rtp" || expect.failure === "peer-ended-call");
  if (expect.negotiated !== undefined && expect.outcome === "failed" && !afterAnswer) {
    ctx.addIssue({ code: "custom", path: ["negotiated"], message: "nothing is negotiated on a failed call", params: { hint: "remove negotiated, or expect outcome: answered" } });
  }
}

const servedBy = roleRefSchema.describe("The server that sent the final response: a role, role:server or server (worker:mbx01)");
const redirects = z
  .array(roleRefSchema)
  .describe("The roles that answered 3xx, in order (Exchange 2013+: [callRouter, umService]; Exchange 2010: [exchange2010]); [] for none");

const probePhases = ["connect", "handshake", "firstResponse", "finalResponse", "total"] as const;

export const optionsExpectSchema = z
  .strictObject({
    outcome: z.enum(["ok", "failed"]).optional().describe("ok: a 2xx answer"),
    status: statusExpectSchema.optional(),
    failure: failureExpectSchema.optional(),
    tls: tlsExpectSchema.optional(),
    diagnostics: diagnosticsExpectSchema.optional(),
    maxMs: maxMsSchema(probePhases).optional(),
  })
  .superRefine(consistent)
  .describe("What an options step expects");

export const callExpectSchema = z
  .strictObject({
    outcome: z.enum(["answered", "failed"]).optional().describe("answered: 2xx with an SDP answer"),
    status: statusExpectSchema.optional(),
    failure: failureExpectSchema.optional(),
    negotiated: negotiatedExpectSchema.optional(),
    media: mediaExpectSchema.optional(),
    tls: tlsExpectSchema.optional(),
    redirects: redirects.optional(),
    servedBy: servedBy.optional(),
    diagnostics: diagnosticsExpectSchema.optional(),
    warnings: z
      .array(z.enum(PROBE_WARNING_CODES))
      .optional()
      .describe("Warning codes the call must show (docs/failure-codes.md lists failures; these do not fail the call), e.g. [sdp-in-provisional]; [] for none"),
    maxMs: maxMsSchema(probePhases).optional(),
  })
  .superRefine(consistent)
  .describe("What a call step expects");

export const certsExpectSchema = z
  .strictObject({
    lint: lintExpectSchema.optional(),
    failure: failureExpectSchema.optional().describe("The connection failure, when the target could not be reached"),
    tls: tlsExpectSchema.optional(),
    maxMs: maxMsSchema(["connect", "handshake", "total"]).optional(),
  })
  .describe("What a certs step expects");

export const failoverExpectSchema = z
  .strictObject({
    outcome: z.enum(["answered", "failed"]).optional(),
    status: statusExpectSchema.optional(),
    failure: failureExpectSchema.optional().describe("all-servers-failed when every server was tried"),
    negotiated: negotiatedExpectSchema.optional(),
    tls: tlsExpectSchema.optional(),
    redirects: redirects.optional().describe("The redirect chain of the attempt that answered"),
    servedBy: servedBy.optional().describe("The server of the list that answered"),
    tried: z.array(roleRefSchema).min(1).optional().describe("The servers tried, in order"),
    diagnostics: diagnosticsExpectSchema.optional(),
    maxMs: maxMsSchema([...probePhases, "failover"]).optional(),
  })
  .superRefine(consistent)
  .describe("What a failover step expects");

export type OptionsExpect = z.output<typeof optionsExpectSchema>;
export type CallExpect = z.output<typeof callExpectSchema>;
export type CertsExpect = z.output<typeof certsExpectSchema>;
export type FailoverExpect = z.output<typeof failoverExpectSchema>;
