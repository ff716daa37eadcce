/** A path into an input document: `["dialPlans", 0, "voipSecurity"]`, `["steps", 2, "expect"]`. */
export type InputPath = readonly (string | number)[];

/** One thing wrong with an input document, where it is, and how to fix it. */
export interface InputIssue {
  readonly path: InputPath;
  readonly message: string;
  readonly hint?: string;
  /** For an unknown key: the key itself (the path names the object holding it). */
  readonly key?: string;
}

/** `dialPlans[0].voipSecurity`; the empty path is `(top level)`. */
export function formatInputPath(path: InputPath): string {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : text === "" ? part : `.${part}`;
  return text === "" ? "(top level)" : text;
}
