import type { InputPath } from "../../input/input-issue.js";

/** How an element of a named array is identified, by the array's path (indices written `*`). */
const KEYS: Record<string, (item: Record<string, unknown>) => unknown> = {
  servers: (item) => item.fqdn,
  dialPlans: (item) => item.name,
  umIpGateways: (item) => item.name,
  "umIpGateways.*.huntGroups": (item) => item.name ?? item.dialPlan,
  users: (item) => (typeof item.sipAddress === "string" ? item.sipAddress.replace(/^\s*sip:/i, "") : item.sipAddress),
  autoAttendants: (item) => item.name,
  subscriberAccess: (item) => item.dialPlan,
};

/** The merge keys, for documentation and tests: array path → the field that names an element. */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  servers: "fqdn",
  dialPlans: "name",
  umIpGateways: "name",
  "umIpGateways[].huntGroups": "name (else dialPlan)",
  users: "sipAddress",
  autoAttendants: "name",
  subscriberAccess: "dialPlan",
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function keyOf(pattern: string, item: unknown): string | undefined {
  const key = isMapping(item) ? KEYS[pattern]?.(item) : undefined;
  return typeof key === "string" ? key.trim().toLowerCase() : undefined;
}

/** Where a value of the merged topology came from in the overrides. */
interface Trace {
  readonly overridePath: InputPath;
  /** The whole subtree came from the overrides (replaced or added), not only this node. */
  readonly whole: boolean;
}

export interface MergeResult {
  readonly value: unknown;
  /** The path in the overrides that wrote the value at this path of the merged topology, if the overrides did. */
  overridePathOf(path: InputPath): InputPath | undefined;
}

/**
 * Merges scenario overrides into a topology as written (docs/design.md §6 `lab:`):
 * - mappings merge key by key, recursively;
 * - arrays of named things merge element by element, matched by their key ({@link MERGE_KEYS}: servers by fqdn,
 *   dial plans by name, …; names compare without case): a matching element is merged into, a new one is appended;
 * - any other array (a dial plan's `servers`, a fault's `listeners`) and any scalar is replaced;
 * - `null` removes the key, so its default applies again (`fault: null`).
 * Nothing is ever removed from a named array: set a server's state, or replace a dial plan's member list.
 */
export function mergeTopology(base: unknown, overrides: unknown): MergeResult {
  const traces = new Map<string, Trace>();
  const id = (path: InputPath) => JSON.stringify(path);

  const merge = (from: unknown, over: unknown, path: InputPath, overPath: InputPath, pattern: string): unknown => {
    if (isMapping(from) && isMapping(over)) {
      traces.set(id(path), { overridePath: overPath, whole: false });
      const result: Record<string, unknown> = { ...from };
      for (const [key, value] of Object.entries(over)) {
        if (value === null) {
          delete result[key];
          continue;
        }
        result[key] = merge(from[key], value, [...path, key], [...overPath, key], pattern === "" ? key : `${pattern}.${key}`);
      }
      return result;
    }
    if (Array.isArray(from) && Array.isArray(over) && KEYS[pattern] !== undefined) {
      traces.set(id(path), { overridePath: overPath, whole: false });
      const result = [...from];
      over.forEach((item, j) => {
        const key = keyOf(pattern, item);
        const index = key === undefined ? -1 : result.findIndex((existing) => keyOf(pattern, existing) === key);
        const at = index === -1 ? result.length : index;
        result[at] = merge(index === -1 ? undefined : result[index], item, [...path, at], [...overPath, j], `${pattern}.*`);
      });
      return result;
    }
    traces.set(id(path), { overridePath: overPath, whole: true });
    return structuredClone(over);
  };

  const value = merge(base, overrides, [], [], "");
  return {
    value,
    overridePathOf(path) {
      for (let length = path.length; length >= 0; length -= 1) {
        const trace = traces.get(id(path.slice(0, length)));
        if (trace === undefined) continue;
        if (length === path.length || trace.whole) return [...trace.overridePath, ...path.slice(length)];
        return undefined;
      }
      return undefined;
    },
  };
}
