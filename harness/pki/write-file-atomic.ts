import { randomBytes } from "node:crypto";
import { chmod, rename, rm, writeFile } from "node:fs/promises";

/** Mode of private keys and PFX files (docs/design.md §8: "Private keys are written 0600"). */
export const PRIVATE_FILE_MODE = 0o600;
export const PUBLIC_FILE_MODE = 0o644;

/**
 * Writes `data` to a temporary name beside `file` with `mode`, then renames it over `file`: a reader never sees
 * half a file, and a key never exists, even briefly, with a wider mode than asked.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, data, { mode, flag: "wx" });
    await chmod(temp, mode); // the umask may have narrowed it; make it exact
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
