import { isAbsolute, relative } from "node:path";

/** A path as the run model shows it: relative to the working directory when inside it. */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}
