import { join } from "node:path";
import { writeFileAtomic } from "../files/write-file-atomic.js";
import { jsonSchemaText, scenarioJsonSchema, siteJsonSchema } from "./scenario-json-schema.js";

/** The library's directory, relative to the project root. */
export const SCENARIO_DIR = "scenarios";

/** The schema files beside the library, and what each holds. */
export function jsonSchemaFiles(dir = SCENARIO_DIR): { file: string; text: string }[] {
  return [
    { file: join(dir, "scenario.schema.json"), text: jsonSchemaText(scenarioJsonSchema()) },
    { file: join(dir, "site.schema.json"), text: jsonSchemaText(siteJsonSchema()) },
  ];
}

/**
 * Writes `scenario.schema.json` and `site.schema.json` into `dir` (each to a temporary name, then renamed), for a CLI
 * command to call; a test checks the committed files equal what this writes. Returns the files written.
 */
export async function writeJsonSchemas(dir = SCENARIO_DIR): Promise<string[]> {
  const files = jsonSchemaFiles(dir);
  for (const { file, text } of files) await writeFileAtomic(file, text);
  return files.map(({ file }) => file);
}
