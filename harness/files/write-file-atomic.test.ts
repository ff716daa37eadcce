import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { tempDir } from "../testing/temp-dir.js";
import { nodeFileSystem } from "./file-system.js";
import { PRIVATE_FILE_MODE, writeFileAtomic } from "./write-file-atomic.js";

t.test("a key is written whole, with exactly its mode, and replaces the old file", async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, "pool.key");
  await writeFileAtomic(file, "old");
  await writeFileAtomic(file, "-----BEGIN PRIVATE KEY-----", { mode: PRIVATE_FILE_MODE });
  t.equal(await readFile(file, "utf8"), "-----BEGIN PRIVATE KEY-----");
  t.equal((await stat(file)).mode & 0o777, 0o600);
  t.same(await readdir(dir), ["pool.key"], "no temp file left");
});

t.test("a write that fails leaves the old file whole and no temp file", async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, "report.md");
  await writeFileAtomic(file, "old report");
  const full = { ...nodeFileSystem, rename: async () => Promise.reject(new Error("disk full")) };
  await t.rejects(writeFileAtomic(file, "new report", { fs: full }), /disk full/);
  t.equal(await readFile(file, "utf8"), "old report");
  t.same(await readdir(dir), ["report.md"]);
});
