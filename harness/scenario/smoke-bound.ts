import type { LoadedSite } from "./loaded-site.js";

/** How long `exum smoke` may take in all when the site file sets no `safety.maxDuration`: a minute (docs/design.md intro). */
export const SMOKE_MAX_DURATION_MS = 60_000;

/**
 * The bound on the whole smoke run (docs/design.md: "a short, safe run against production servers … in a minute"): the
 * site's `safety.maxDuration` when the site file writes one, else {@link SMOKE_MAX_DURATION_MS} (the schema's default
 * of five minutes is for `exum run`, not for a smoke test).
 */
export function smokeMaxDurationMs(loaded: LoadedSite): number {
  // The locator answers with the deepest node of the path that exists: the key's own place only when it is written.
  const locate = loaded.source.locate;
  const at = locate?.(["safety", "maxDuration"]);
  const parent = locate?.(["safety"]);
  const written = at !== undefined && (parent === undefined || at.line !== parent.line || at.column !== parent.column);
  return written ? loaded.site.safety.maxDuration : SMOKE_MAX_DURATION_MS;
}
