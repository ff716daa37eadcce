import type { z } from "zod";
import type { InputPath } from "./input-issue.js";

/** The parts of zod 4's schema definitions this walker reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => schema._zod.def as unknown as Def;

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 16; depth += 1) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

/** The option of a (discriminated) union that fits `value`: by discriminator, else the first object option. */
function pickOption(options: z.ZodType[], discriminator: string | undefined, value: unknown): z.ZodType | undefined {
  const objects = options.map(unwrap).filter((option) => defOf(option).type === "object");
  if (discriminator !== undefined && typeof value === "object" && value !== null) {
    const wanted = (value as Record<string, unknown>)[discriminator];
    const match = objects.find((option) => {
      const literal = defOf(option).shape?.[discriminator];
      return literal !== undefined && (defOf(unwrap(literal)).values ?? []).includes(wanted);
    });
    if (match !== undefined) return match;
  }
  return objects[0];
}

function objectSchema(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "object") return inner;
  if (def.type === "union" && def.options !== undefined) return pickOption(def.options, def.discriminator, value);
  return undefined;
}

/**
 * The keys `schema` accepts in the object at `path` of `data` (the input being validated), for "unknown key"
 * hints; empty when the path does not lead to an object schema.
 */
export function keysAt(schema: z.ZodType, path: InputPath, data: unknown): string[] {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (const part of path) {
    if (current === undefined) return [];
    const inner = unwrap(current);
    const def = defOf(inner);
    if (typeof part === "number") {
      current = def.type === "array" ? def.element : undefined;
    } else {
      const object = objectSchema(inner, value);
      current = object === undefined ? undefined : defOf(object).shape?.[part];
    }
    value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[part] : undefined;
  }
  const object = current === undefined ? undefined : objectSchema(current, value);
  return object === undefined ? [] : Object.keys(defOf(object).shape ?? {});
}

/** The closest known key to a mistyped one (same letters in another case, or up to 2 edits away). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const sameCase = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
