import { chmod, mkdir, rename, rm, writeFile } from "node:fs/promises";

/** What an atomic write needs of a file system: the real one, or one a test makes fail on purpose. */
export interface FileSystem {
  mkdir(dir: string): Promise<void>;
  /** Creates `path` (it must not exist) with `mode`. */
  writeNew(path: string, data: string | Uint8Array, mode: number): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** The real file system (node:fs). */
export const nodeFileSystem: FileSystem = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  writeNew: (path, data, mode) => writeFile(path, data, { mode, flag: "wx" }),
  chmod: (path, mode) => chmod(path, mode),
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};
