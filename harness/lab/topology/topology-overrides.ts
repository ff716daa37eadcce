import { formatInputPath, type InputIssue } from "../../input/input-issue.js";
import { inputIssuesError, type InputSource } from "../../input/input-error.js";
import { mergeTopology } from "./topology-merge.js";
import type { LoadedTopology } from "./loaded-topology.js";
import { topologySchema, type Topology, type TopologyInput } from "./topology-schema.js";
import { issuesFromZod } from "../../input/zod-issues.js";

/**
 * A scenario's partial topology (`lab: { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] }`, docs/design.md §6)
 * applied to a base topology, validated as a whole. The merge rule is {@link mergeTopology}'s: mappings merge,
 * named things (servers by fqdn, dial plans/gateways/auto attendants by name, hunt groups by name or dial plan,
 * users by sipAddress, Subscriber Access by dialPlan) merge by their key or are appended, other arrays and
 * scalars are replaced, `null` removes a key.
 *
 * `base` is a loaded topology (`loadTopology`, `parseLoadedTopology`, `defaultLoadedTopology`: the overrides are
 * applied to what was written, so computed values such as hunt-group pilots follow the new values) or a topology as
 * written.
 * `source` names the scenario file (and `pathPrefix: ["lab"]`, `locate`) for errors: `EXUM_TOPOLOGY_OVERRIDE_INVALID`
 * (exit 2) names each problem at its place in the overrides.
 */
export function applyOverrides(base: LoadedTopology | TopologyInput, overrides: unknown, source: InputSource = {}): Topology {
  const loaded = isLoaded(base) ? base : null;
  const baseInput = loaded === null ? base : loaded.input;
  const baseFile = loaded?.source.file ?? "the base topology";
  if (overrides === undefined || overrides === null) overrides = {};
  if (typeof overrides !== "object" || Array.isArray(overrides)) {
    throw inputIssuesError(
      "EXUM_TOPOLOGY_OVERRIDE_INVALID",
      [{ path: [], message: "lab overrides must be a mapping (e.g. { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] })" }],
      source,
      "lab overrides",
    );
  }
  const merged = mergeTopology(baseInput, overrides);
  const result = topologySchema.safeParse(merged.value, { reportInput: true });
  if (!result.success) {
    const issues = issuesFromZod(result.error, topologySchema, merged.value).map((issue): InputIssue => {
      const at = merged.overridePathOf(issue.key === undefined ? issue.path : [...issue.path, issue.key]);
      if (at !== undefined) return { ...issue, path: issue.key === undefined ? at : at.slice(0, -1) };
      return {
        path: [],
        message: `these overrides make ${baseFile} invalid at ${formatInputPath(issue.path)}${issue.key === undefined ? "" : `.${issue.key}`}: ${issue.message}`,
        ...(issue.hint === undefined ? {} : { hint: issue.hint }),
      };
    });
    throw inputIssuesError("EXUM_TOPOLOGY_OVERRIDE_INVALID", issues, source, "lab overrides");
  }
  return result.data;
}

/** {@link applyOverrides}, keeping what the result was merged from, so further overrides apply to it as written. */
export function applyLoadedOverrides(base: LoadedTopology, overrides: unknown, source: InputSource = {}): LoadedTopology {
  return { topology: applyOverrides(base, overrides, source), input: mergeTopology(base.input, overrides ?? {}).value, source: base.source };
}

function isLoaded(value: LoadedTopology | TopologyInput): value is LoadedTopology {
  return "topology" in value && "input" in value && "source" in value;
}
