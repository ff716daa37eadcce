import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../files/package-root.js";

/** exum's version, from its package.json ("0.0.0" when it cannot be read). */
export async function toolVersion(): Promise<string> {
  try {
    const text = await readFile(join(PACKAGE_ROOT, "package.json"), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}
