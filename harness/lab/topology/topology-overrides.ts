import { formatTopologyPath, type TopologyIssue } from "./topology-issue.js";
import { topologyError, type TopologySource } from "./topology-error.js";
import { mergeTopology } from "./topology-merge.js";
import { rememberTopologyOrigin, topologyOrigin } from "./topology-origin.js";
import { topologySchema, type Topology, type TopologyInput } from "./topology-schema.js";
import { topologyIssuesFromZod } from "./topology-zod-issues.js";

/**
 * A scenario's partial topology (`lab: { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] }`, docs/design.md §6)
 * applied to a base topology, validated as a whole. The merge rule is {@link mergeTopology}'s: mappings merge,
 * named things (servers by fqdn, dial plans/gateways/auto attendants by name, hunt groups by name or dial plan,
 * users by sipAddress, Subscriber Access by dialPlan) merge by their key or are appended, other arrays and
 * scalars are replaced, `null` removes a key.
 *
 * `base` is a topology from `parseTopology`/`loadTopology`/`defaultTopology` (the overrides are then applied to
 * what was written, so computed values such as hunt-group pilots follow the new values) or a topology as written.
 * `source` names the scenario file (and `pathPrefix: ["lab"]`, `locate`) for errors: `EXUM_TOPOLOGY_OVERRIDE_INVALID`
 * (exit 2) names each problem at its place in the overrides.
 */
export function applyOverrides(base: Topology | TopologyInput, overrides: unknown, source: TopologySource = {}): Topology {
  const origin = topologyOrigin(base);
  const baseInput = origin?.input ?? base;
  const baseFile = origin?.source.file ?? "the base topology";
  if (overrides === undefined || overrides === null) overrides = {};
  if (typeof overrides !== "object" || Array.isArray(overrides)) {
    throw topologyError(
      "EXUM_TOPOLOGY_OVERRIDE_INVALID",
      [{ path: [], message: "lab overrides must be a mapping (e.g. { dialPlans: [{ name: DP1, voipSecurity: SIPSecured }] })" }],
      source,
      "lab overrides",
    );
  }
  const merged = mergeTopology(baseInput, overrides);
  const result = topologySchema.safeParse(merged.value, { reportInput: true });
  if (!result.success) {
    const issues = topologyIssuesFromZod(result.error, topologySchema, merged.value).map((issue): TopologyIssue => {
      const at = merged.overridePathOf(issue.key === undefined ? issue.path : [...issue.path, issue.key]);
      if (at !== undefined) return { ...issue, path: issue.key === undefined ? at : at.slice(0, -1) };
      return {
        path: [],
        message: `these overrides make ${baseFile} invalid at ${formatTopologyPath(issue.path)}${issue.key === undefined ? "" : `.${issue.key}`}: ${issue.message}`,
        ...(issue.hint === undefined ? {} : { hint: issue.hint }),
      };
    });
    throw topologyError("EXUM_TOPOLOGY_OVERRIDE_INVALID", issues, source, "lab overrides");
  }
  rememberTopologyOrigin(result.data, { input: merged.value, source: origin?.source ?? {} });
  return result.data;
}
