import type { z } from "zod";
import { resolveTopology } from "./topology-resolve.js";
import { topologyReferenceIssues } from "./topology-references.js";
import { topologyShape } from "./topology-spec.js";

/**
 * The one source of truth for topology files (docs/design.md §5, §6): shape and defaults (`topologyShape`), then
 * cross-references (`topologyReferenceIssues`), then computed values (`resolveTopology`). The loader, the scenario
 * overrides and the JSON Schema (`topologyJsonSchema`) all come from it.
 */
export const topologySchema = topologyShape
  .superRefine((spec, ctx) => {
    for (const issue of topologyReferenceIssues(spec)) {
      ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message, params: { hint: issue.hint } });
    }
  })
  .transform(resolveTopology);

/** A topology as written in a file: every defaulted or computed field optional. */
export type TopologyInput = z.input<typeof topologySchema>;

/** A valid topology with defaults and computed values filled in: what the lab runs. */
export type Topology = z.output<typeof topologySchema>;
