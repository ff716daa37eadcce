import { EventEmitter } from "node:events";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { memoryIo } from "./cli-io.js";
import { commands } from "./commands.js";
import { runWithSignals } from "./main.js";

/**
 * `exum lab` as a CI job runs it, stopped by a signal once it is up. SIGTERM (how CI systems stop a job) is handled
 * like SIGINT: the lab closes its ports, and the exit code says which signal it was.
 */
async function stopLabWith(signal: NodeJS.Signals): Promise<{ code: number; stderr: string }> {
  const controller = new AbortController();
  const io = memoryIo({ signal: controller.signal });
  const signals = new EventEmitter();
  const running = runWithSignals(["lab", "--ports", "ephemeral", "--certs", sharedLabPkiDir(), "--json"], io, controller, signals, commands);
  const deadline = Date.now() + 30_000;
  while (!io.stdout.includes("\n") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  signals.emit(signal, signal);
  const code = await running;
  t.equal(signals.listenerCount("SIGINT") + signals.listenerCount("SIGTERM"), 0, "the handlers are removed");
  return { code, stderr: io.stderr };
}

t.test("SIGTERM stops a long command like Ctrl-C and exits 143", async (t) => {
  const { code } = await stopLabWith("SIGTERM");
  t.equal(code, ExitCode.Terminated);
});

t.test("SIGINT exits 130", async (t) => {
  const { code } = await stopLabWith("SIGINT");
  t.equal(code, ExitCode.Interrupted);
});
