import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Writes each `name → content` into `dir`; names ending in `.key` or `.pem` get mode 0600 (they hold keys). */
export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await Promise.all(
    Object.entries(files).map(([name, content]) =>
      writeFile(join(dir, name), content, { mode: /\.(key|pem)$/.test(name) ? 0o600 : 0o644 }),
    ),
  );
}
