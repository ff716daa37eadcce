import { describeExit, spawnPeer, type PeerExit } from "./peer-process.js";

export interface RunOptions {
  /** Short name for messages: "sipsak", "sipp". */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Working folder (a temp folder: SIPp writes its logs beside the scenario). */
  readonly cwd: string;
  /** Killed (SIGTERM → SIGKILL on its group) when it runs longer than this. */
  readonly timeoutMs: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed; without it stdin is `/dev/null`. */
  readonly input?: string;
  /** Characters of output kept. @defaultValue 64 KiB */
  readonly logLimit?: number;
}

export interface RunResult extends PeerExit {
  /** True when it was stopped because it ran past `timeoutMs`. */
  readonly timedOut: boolean;
  /** stdout and stderr interleaved, bounded. */
  readonly output: string;
  readonly durationMs: number;
}

/**
 * Runs a short-lived tool (sipsak, SIPp, `kamailio -c`) to completion with a bound: the same process-group,
 * no-core-dump and bounded-output rules as a long-running peer. Never throws for a non-zero exit: the caller
 * reads `code`, `timedOut` and `output`.
 */
export async function runToCompletion(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const peer = spawnPeer({
    name: options.name,
    command: options.command,
    args: options.args,
    cwd: options.cwd,
    stdin: options.input === undefined ? "ignore" : "pipe",
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.logLimit === undefined ? {} : { logLimit: options.logLimit }),
  });
  if (options.input !== undefined) peer.write(options.input, true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    peer.exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), options.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const exit = await peer.stop();
  return { ...exit, timedOut, output: peer.logs(), durationMs: Math.round(performance.now() - started) };
}

/** One line for a failure message: `sipsak exited with exit code 1 after 12 ms` (or "timed out"). */
export function describeRun(name: string, result: RunResult): string {
  const how = result.timedOut ? "timed out and was killed" : `exited with ${describeExit(result)}`;
  return `${name} ${how} after ${result.durationMs} ms`;
}
