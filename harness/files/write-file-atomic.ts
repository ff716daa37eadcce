import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { nodeFileSystem, type FileSystem } from "./file-system.js";

/** Mode of private keys and PFX files (docs/design.md §8: "Private keys are written 0600"). */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of everything else the harness writes (certificates, reports, schemas). */
export const PUBLIC_FILE_MODE = 0o644;

/**
 * The harness's one way to write a file: `data` goes to a temporary name in the same folder, created with `mode`, and
 * is renamed over `file` (docs/design.md §9: "reports are written to a temp name and renamed"). A reader never sees
 * half a file, an interrupted run leaves the old one whole, and a key never exists, even briefly, with a wider mode
 * than asked.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number; fs?: FileSystem } = {}): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const mode = options.mode ?? PUBLIC_FILE_MODE;
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await fs.writeNew(temp, data, mode);
    await fs.chmod(temp, mode); // the umask may have narrowed it; make it exact
    await fs.rename(temp, file);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
}
