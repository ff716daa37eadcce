import { z } from "zod";
import { timeoutSchema } from "./duration.js";
import { personaSchema } from "./persona.js";
import { stepSchema } from "./step-kinds.js";
import { TARGET_ROLES, type TargetRole } from "../model/target-role.js";

/** What `site.requires` may name: a role, or a kind of pilot. */
export type SiteRequirement = TargetRole | "subscriberAccess" | "autoAttendant";

export const SITE_REQUIREMENTS: readonly SiteRequirement[] = [...TARGET_ROLES, "subscriberAccess", "autoAttendant"];

/** The scenario file format version this harness reads. */
export const SCENARIO_SCHEMA_VERSION = 1;

/**
 * The one source of truth for scenario files (docs/design.md §6): it types the loader, rejects unknown keys with the file,
 * line and path, and is exported as JSON Schema (scenario-json-schema.ts). `lab` is checked by the lab's own
 * override merge (harness/lab applyOverrides) when the scenario is loaded.
 */
export const scenarioSchema = z
  .strictObject({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION).default(SCENARIO_SCHEMA_VERSION).describe("The scenario file format version"),
    name: z.string().trim().min(1).max(120).describe("The scenario's name, unique in the library"),
    summary: z.string().trim().min(1).describe("The real-world case it reproduces, in a sentence or two"),
    tags: z
      .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: "expected a lower-case tag such as encryption or seed" }))
      .default([])
      .describe("Free tags for selecting scenarios (encryption, certificates, failover, seed, smoke …)"),
    lab: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "Overrides on the lab topology (a partial topology file: topology.schema.json): mappings merge, servers merge by fqdn, " +
          "dial plans, UM IP gateways and auto attendants by name, users by sipAddress; null removes a key",
      ),
    as: personaSchema.default("pool"),
    site: z
      .strictObject({
        labOnly: z.boolean().default(false).describe("Skipped against a site: the scenario needs the lab's settings or changes the lab"),
        reason: z.string().trim().min(1).optional().describe("Why, shown when skipped"),
        requires: z
          .array(z.enum(SITE_REQUIREMENTS as [SiteRequirement, ...SiteRequirement[]]))
          .optional()
          .describe("Roles and pilots the site must bind, or the scenario is skipped against it (e.g. [exchange2010])"),
      })
      .optional()
      .describe("Restrictions on running against a real site"),
    timeout: timeoutSchema.default(60_000).describe("Bound on the whole scenario (default 60s)"),
    steps: z.array(stepSchema).min(1).describe("What the scenario does, in order"),
  })
  .describe("An exum scenario: steps against roles of the embedded lab or a site, with expectations");

/** A scenario as written. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A valid scenario with its defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
