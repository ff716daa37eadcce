/** A value that survives `JSON.stringify` / `JSON.parse` unchanged: what run.json may hold. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
