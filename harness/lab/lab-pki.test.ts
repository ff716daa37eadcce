import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { ensureLabPki } from "./lab-pki.js";

t.test("labs of one process that find no PKI share one generation (exum run --jobs on a fresh checkout)", async (t) => {
  const parent = await mkdtemp(join(tmpdir(), "exum-lab-pki-"));
  t.teardown(() => rm(parent, { recursive: true, force: true }));
  const dir = join(parent, "certs");
  const lines: string[] = [];
  const pkis = await Promise.all(Array.from({ length: 4 }, () => ensureLabPki(dir, { onProgress: (line) => lines.push(line) })));
  t.equal(lines.filter((line) => line.startsWith("generating")).length, 1, "the keys were generated once");
  t.equal(new Set(pkis.map((pki) => pki.rootCa)).size, 1, "every lab has the same root CA file");
  t.same((await readdir(parent)).filter((name) => name.endsWith(".exum-pki-tmp")), [], "no temporary folder left");
  const again: string[] = [];
  await ensureLabPki(dir, { onProgress: (line) => again.push(line) });
  t.same(again, [], "a complete PKI is used as is");
});
