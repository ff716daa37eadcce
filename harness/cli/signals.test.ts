import { spawn } from "node:child_process";
import { join } from "node:path";
import t from "tap";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { ExitCode } from "../errors/exit-codes.js";

const EXUM = join(import.meta.dirname, "..", "..", "bin", "exum.js");

/**
 * `exum lab` as a CI job runs it: started as a process, stopped by a signal once it is up. SIGTERM (how CI systems
 * stop a job) is handled like SIGINT: the lab closes its ports and the exit code says which signal it was.
 */
async function stopLabWith(signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [EXUM, "lab", "--ports", "ephemeral", "--certs", sharedLabPkiDir(), "--json"], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const bound = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) resolve();
    });
    void exited.then(() => resolve());
  });
  child.kill(signal);
  const code = await exited;
  clearTimeout(bound);
  return { code, stderr };
}

t.test("SIGTERM stops a long command like Ctrl-C and exits 143", async (t) => {
  const { code } = await stopLabWith("SIGTERM");
  t.equal(code, ExitCode.Terminated);
});

t.test("SIGINT exits 130", async (t) => {
  const { code } = await stopLabWith("SIGINT");
  t.equal(code, ExitCode.Interrupted);
});
