import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";
import { siteSchema } from "./site-schema.js";

/** Where editors can find the schemas: their `$id`s. */
export const SCENARIO_SCHEMA_ID = "https://exum.invalid/schemas/scenario.schema.json";
export const SITE_SCHEMA_ID = "https://exum.invalid/schemas/site.schema.json";

function jsonSchemaOf(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12", unrepresentable: "any", reused: "inline" });
  return { ...generated, $id: id, title };
}

/**
 * The scenario file format as JSON Schema (draft 2020-12), generated from the one zod schema (docs/design.md §6: "exported
 * as JSON Schema for editor completion"). Cross-checks (one step kind per step, EncryptionLevel or SRTPMode, lab
 * overrides, roles that exist) are the loader's and `bindRoles`'.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(scenarioSchema, SCENARIO_SCHEMA_ID, "exum scenario");
}

/** The site file format as JSON Schema (draft 2020-12), generated from the one zod schema. */
export function siteJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(siteSchema, SITE_SCHEMA_ID, "exum site");
}

/** A JSON Schema as the text of a `.schema.json` file (two-space indent, final newline). */
export function jsonSchemaText(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
