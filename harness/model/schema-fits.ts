import type { z } from "zod";
import type { JsonValue } from "./json-value.js";

/** `T` with its arrays writable, as zod's output has them (readonly properties already assign both ways). */
type WritableArrays<T> = [JsonValue] extends [T]
  ? T
  : T extends readonly (infer Element)[]
    ? WritableArrays<Element>[]
    : T extends object
      ? { -readonly [Key in keyof T]: WritableArrays<T[Key]> }
      : T;

/**
 * The compile-time proof beside a `z.ZodType<T>` annotation (which proves only that what the schema accepts is a T):
 * every T fits the schema too, and both have the same keys, so a field the type has and the schema lacks (an optional
 * one included) or a value the schema forgets (a literal, a null) fails to compile. Checked one object level at a
 * time: nested model types are the business of their own schema's check.
 *
 * `const _fits: SchemaFits<typeof hop, Hop> = true;`
 */
export type SchemaFits<Schema extends z.ZodType, T> = [WritableArrays<T>] extends [z.output<Schema>]
  ? [keyof T] extends [keyof z.output<Schema>]
    ? [keyof z.output<Schema>] extends [keyof T]
      ? true
      : "the schema has keys the type lacks"
    : "the type has keys the schema lacks"
  : "a value of the type does not fit the schema";
