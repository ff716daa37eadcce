import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { nodeFileSystem } from "../files/file-system.js";
import { tempDir } from "../testing/temp-dir.js";
import { createCaptureRecorder } from "./capture-recorder.js";
import { writeCapture } from "./write-capture.js";

t.test("writes the capture whole, mode 0600, and leaves no temporary file", async (t) => {
  const dir = await tempDir(t, "exum-capture-");
  const recorder = createCaptureRecorder();
  recorder.keyLog("CLIENT_RANDOM x y");
  recorder.udp({ address: "127.0.0.1", port: 1 }, { address: "127.0.0.1", port: 2 }, Buffer.from("rtp"));
  const file = join(dir, "call.pcapng");
  await writeCapture(file, recorder);
  t.same(await readFile(file), recorder.bytes());
  t.equal((await stat(file)).mode & 0o777, 0o600, "it holds TLS secrets");
  t.same(await readdir(dir), ["call.pcapng"]);
  await writeCapture(file, recorder, { mode: 0o644 });
  t.equal((await stat(file)).mode & 0o777, 0o644, "a caller may widen it");
});

t.test("a failed write is EXUM_REPORT_WRITE naming the file; the old file stays", async (t) => {
  const dir = await tempDir(t, "exum-capture-");
  const file = join(dir, "call.pcapng");
  const recorder = createCaptureRecorder();
  await writeCapture(file, recorder);
  const before = await readFile(file);
  const failing = { ...nodeFileSystem, rename: async () => Promise.reject(new Error("disk full")) };
  recorder.udp({ address: "127.0.0.1", port: 1 }, { address: "127.0.0.1", port: 2 }, Buffer.from("rtp"));
  await t.rejects(writeCapture(file, recorder, { fs: failing }), { code: "EXUM_REPORT_WRITE", file, message: /disk full/ });
  t.same(await readFile(file), before);
  await t.rejects(writeCapture(join(dir, "missing", "x.pcapng"), recorder), { code: "EXUM_REPORT_WRITE" });
});
