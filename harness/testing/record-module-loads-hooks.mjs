// The module-resolution hook record-module-loads.mjs registers (it runs on Node's loader thread).
import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.EXUM_RECORD_MODULE_LOADS) appendFileSync(process.env.EXUM_RECORD_MODULE_LOADS, `${resolved.url} ${context.parentURL ?? ""}\n`);
  return resolved;
}
