import { z } from "zod";
import type { JsonValue } from "./json-value.js";

/**
 * Any JSON value (json-value.ts): what run.json holds where the model keeps JSON as it is (an expectation's `expected`
 * and `seen`, a certs step's `live`). Recursive, hence `z.lazy` and the annotation.
 */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
