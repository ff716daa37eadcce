/** A path into a topology: `["dialPlans", 0, "voipSecurity"]`. */
export type TopologyPath = readonly (string | number)[];

/** One thing wrong with a topology, where it is, and how to fix it. */
export interface TopologyIssue {
  readonly path: TopologyPath;
  readonly message: string;
  readonly hint?: string;
  /** For an unknown key: the key itself (the path names the object holding it). */
  readonly key?: string;
}

/** `dialPlans[0].voipSecurity`; the empty path is `(top level)`. */
export function formatTopologyPath(path: TopologyPath): string {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : text === "" ? part : `.${part}`;
  return text === "" ? "(top level)" : text;
}
