import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TeardownHost } from "./teardown-host.js";

/**
 * A fresh `mkdtemp` folder, removed when the test ends. Set `EXUM_KEEP_TEMP=1` to keep it for a post-mortem
 * (its path is printed to stderr instead).
 *
 * @param prefix - the folder name starts with this, to tell the peers apart in `/tmp`.
 */
export async function tempDir(t: TeardownHost, prefix = "exum-test-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(async () => {
    if (process.env["EXUM_KEEP_TEMP"] === "1") {
      process.stderr.write(`# kept temp folder ${dir}\n`);
      return;
    }
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  return dir;
}
