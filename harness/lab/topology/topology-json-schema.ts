import { z } from "zod";
import { topologySchema } from "./topology-schema.js";

/** Where editors can find the schema: the `$id` of {@link topologyJsonSchema}. */
export const TOPOLOGY_SCHEMA_ID = "https://exum.invalid/schemas/topology.schema.json";

/**
 * The topology file format as JSON Schema (draft 2020-12), for editor completion (docs/design.md §6): generated from
 * the one zod schema, describing what may be written (defaults and computed values optional). Cross-reference
 * rules (a dial plan member must be a server…) are checked by the loader only.
 */
export function topologyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(topologySchema, { io: "input", target: "draft-2020-12", unrepresentable: "any", reused: "ref" });
  return { ...schema, $id: TOPOLOGY_SCHEMA_ID, title: "exum lab topology" };
}

/** {@link topologyJsonSchema} as the text of a `.schema.json` file. */
export function topologyJsonSchemaText(): string {
  return `${JSON.stringify(topologyJsonSchema(), null, 2)}\n`;
}
