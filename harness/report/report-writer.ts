import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** What the reporter multiplexer needs of a file system (tests pass one that fails on purpose). */
export interface ReportWriter {
  mkdir(dir: string): Promise<void>;
  writeFile(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** The real file system (node:fs). */
export const fsReportWriter: ReportWriter = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};

/**
 * Writes `text` to `path` through a temp name in the same folder, then renames it (docs/design.md §9: "reports are written
 * to a temp name and renamed"), so a reader never sees half a report and an interrupted run leaves the old one whole.
 */
export async function writeFileAtomically(writer: ReportWriter, path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    await writer.writeFile(temp, text);
    await writer.rename(temp, path);
  } catch (error) {
    await writer.remove(temp).catch(() => undefined);
    throw error;
  }
}
