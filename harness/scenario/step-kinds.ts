import { z } from "zod";
import { callSpecSchema, failoverCallSchema, transportSchema } from "./call-spec.js";
import { durationSchema, timeoutSchema } from "./duration.js";
import { labChangeSchema } from "./lab-change.js";
import { personaSchema } from "./persona.js";
import { callExpectSchema, certsExpectSchema, failoverExpectSchema, optionsExpectSchema } from "./step-expectations.js";
import { TLS_VERSIONS, type TlsVersion } from "../tls/tls-version.js";
import { roleRefSchema, targetRefSchema } from "./target-ref.js";

/**
 * The step kinds (docs/design.md §6). A step is a mapping with exactly one kind key, plus `name`, and for the
 * kinds that talk to a server `as` (persona), `timeout` and `expect`:
 * - `options: <target>`: one OPTIONS;
 * - `call: { to, … }`: one INVITE through the redirect chain;
 * - `certs: <target>`: lint the certificate the target presents;
 * - `lab: { dns, server, gateway, fault }`: change the running lab (lab only);
 * - `failover: { servers, call }`: the call tried on each server in turn (MS-EUMR);
 * - `wait: <duration>`.
 */
export type StepKind = "options" | "call" | "certs" | "lab" | "failover" | "wait";

export const STEP_KINDS: readonly StepKind[] = ["options", "call", "certs", "lab", "failover", "wait"];

const named = { name: z.string().trim().min(1).max(200).optional().describe("What the step shows as in reports") };
const acting = {
  ...named,
  as: personaSchema.optional().describe("The persona for this step (default: the scenario's)"),
  timeout: timeoutSchema.optional().describe("Bound on each connect, handshake and final response (default 8s, or the site's)"),
};

export const optionsStepSchema = z.strictObject({
  options: z.union([
    targetRefSchema,
    z
      .strictObject({
        to: targetRefSchema,
        transport: transportSchema.optional(),
        tlsVersions: z
          .strictObject({ min: z.enum(TLS_VERSIONS as [TlsVersion, ...TlsVersion[]]).optional(), max: z.enum(TLS_VERSIONS as [TlsVersion, ...TlsVersion[]]).optional() })
          .optional()
          .describe("The TLS versions we offer, to play an old peer (Lync 2013: { max: TLSv1 }, docs/protocol.md §10); default TLS 1.2 and 1.3"),
      })
      .describe("The target, the transport and the TLS versions offered"),
  ]),
  ...acting,
  expect: optionsExpectSchema.optional(),
});

export const callStepSchema = z.strictObject({ call: callSpecSchema, ...acting, expect: callExpectSchema.optional() });

export const certsStepSchema = z.strictObject({
  certs: z.union([
    targetRefSchema,
    z
      .strictObject({
        target: targetRefSchema,
        fqdn: z.string().trim().min(1).optional().describe("The FQDN the certificate must name (default: the target's)"),
        peers: z.array(z.string().trim().min(1)).min(1).optional().describe("Redundant-UM peers the SAN must cover (servers' FQDNs or short names)"),
      })
      .describe("The target and what its certificate must name"),
  ]),
  ...acting,
  expect: certsExpectSchema.optional(),
});

export const labStepSchema = z.strictObject({ lab: labChangeSchema, ...named });

export const failoverStepSchema = z.strictObject({
  failover: z
    .strictObject({
      servers: z.array(roleRefSchema).min(1).describe("The servers in MS-EUMR order: next on any failure response or timer expiry"),
      call: failoverCallSchema,
      attemptTimeout: timeoutSchema.optional().describe("Timer per server before moving on (default: the step's timeout)"),
      maxServers: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("Try at most this many (Lync 2010 ExumNumberOfServersToTry: 2 [3P]); default every server"),
    })
    .describe("One call tried on each server in turn; all-servers-failed when none answers"),
  ...acting,
  expect: failoverExpectSchema.optional(),
});

export const waitStepSchema = z.strictObject({ wait: durationSchema, ...named });

/** The schema of each step kind: the loader validates a step against its own kind for precise errors. */
export const STEP_SCHEMAS = {
  options: optionsStepSchema,
  call: callStepSchema,
  certs: certsStepSchema,
  lab: labStepSchema,
  failover: failoverStepSchema,
  wait: waitStepSchema,
} as const satisfies Record<StepKind, z.ZodType>;

export const stepSchema = z
  .union([optionsStepSchema, callStepSchema, certsStepSchema, labStepSchema, failoverStepSchema, waitStepSchema])
  .describe("One step: options, call, certs, lab, failover or wait");

export type OptionsStep = z.output<typeof optionsStepSchema>;
export type CallStep = z.output<typeof callStepSchema>;
export type CertsStep = z.output<typeof certsStepSchema>;
export type LabStep = z.output<typeof labStepSchema>;
export type FailoverStep = z.output<typeof failoverStepSchema>;
export type WaitStep = z.output<typeof waitStepSchema>;
export type Step = z.output<typeof stepSchema>;

/** The kind of a parsed step. */
export function stepKind(step: Step): StepKind {
  if ("options" in step) return "options";
  if ("call" in step) return "call";
  if ("certs" in step) return "certs";
  if ("lab" in step) return "lab";
  if ("failover" in step) return "failover";
  return "wait";
}
