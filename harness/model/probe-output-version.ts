/**
 * The format version of `exum options --json` and `exum call --json`; bump it when a field changes meaning or goes.
 * Its own module, apart from the zod schema (probe-result-schema.ts): `exum options` prints it without loading zod
 * (docs/design.md §10, start-up).
 */
export const PROBE_OUTPUT_SCHEMA_VERSION = 2;
