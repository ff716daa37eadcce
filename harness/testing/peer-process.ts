import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { internalError } from "../errors/harness-error.js";
import { BoundedLog, DEFAULT_LOG_LIMIT } from "./bounded-log.js";
import { LOOPBACK } from "./free-port.js";
import { PeerErrorCode } from "./peer-error-code.js";
import { signalProcessGroup, trackProcessGroup, untrackProcessGroup } from "./process-group.js";
import { withoutCoreDumps } from "./without-core-dumps.js";

export interface PeerProcessOptions {
  /** Short name for messages: "kamailio", "baresip". */
  readonly name: string;
  /** The executable (an absolute path from `requirePeerBinary`, or a name on PATH). */
  readonly command: string;
  readonly args: readonly string[];
  /** Working folder: the test's temp folder, never the checkout or `/`. */
  readonly cwd: string;
  /** Added to the environment of the test process. */
  readonly env?: Readonly<Record<string, string>>;
  /** `ignore` is `/dev/null`; `pipe` lets the test {@link PeerProcess.write} to it. @defaultValue "ignore" */
  readonly stdin?: "ignore" | "pipe";
  /** Characters of output kept for {@link PeerProcess.logs}. @defaultValue 64 KiB */
  readonly logLimit?: number;
  /** How long SIGTERM may take before SIGKILL. @defaultValue 3000 */
  readonly stopGraceMs?: number;
}

/** When a peer counts as started: its TCP port on 127.0.0.1 accepts, or a line of its output matches. */
export type Readiness = { readonly tcpPort: number } | { readonly logLine: RegExp };

export interface PeerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How long SIGKILL may take, after which {@link PeerProcess.stop} gives up waiting. */
const KILL_WAIT_MS = 2000;
/** How long to wait for the last output once the process has exited. */
const DRAIN_WAIT_MS = 500;
const PROBE_INTERVAL_MS = 50;

/**
 * A real peer (Kamailio, baresip, openssl s_client…) running in its own process group with core dumps off,
 * its output kept in a bounded buffer. Every wait is bounded and fails fast when the peer exits; {@link stop}
 * escalates SIGTERM → SIGKILL on the whole group. Call `t.teardown(() => peer.stop())` right after spawning.
 */
export class PeerProcess {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process has exited; never rejects. */
  readonly exited: Promise<PeerExit>;
  readonly #child: ChildProcess;
  readonly #log: BoundedLog;
  readonly #stopGraceMs: number;
  readonly #closed: Promise<void>;
  #exit: PeerExit | undefined;
  #stopping: Promise<PeerExit> | undefined;

  private constructor(options: PeerProcessOptions) {
    this.name = options.name;
    this.#log = new BoundedLog(options.logLimit ?? DEFAULT_LOG_LIMIT);
    this.#stopGraceMs = options.stopGraceMs ?? 3000;
    const { command, args } = withoutCoreDumps(options.command, options.args);
    this.#child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
    });
    this.pid = this.#child.pid ?? -1;
    if (this.pid > 0) trackProcessGroup(this.pid);
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => this.#log.append(chunk));
    }
    this.#child.stdin?.on("error", () => undefined);
    this.exited = new Promise((resolve) => {
      this.#child.once("exit", (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
      this.#child.once("error", (error) => {
        this.#log.append(`\n[${this.name}: ${error.message}]\n`);
        this.#exit ??= { code: null, signal: null };
        resolve(this.#exit);
      });
    });
    this.#closed = new Promise((resolve) => this.#child.once("close", () => resolve()));
  }

  /** Starts `options.command` (see {@link PeerProcessOptions}). */
  static spawn(options: PeerProcessOptions): PeerProcess {
    return new PeerProcess(options);
  }

  /** How it exited, or `undefined` while it runs. */
  exitStatus(): PeerExit | undefined {
    return this.#exit;
  }

  /** Its retained output (stdout and stderr interleaved), from absolute offset `from`. */
  logs(from = 0): string {
    return this.#log.text(from);
  }

  /** Offset of the end of the output so far: pass it to {@link waitForLog} to see only what comes next. */
  logOffset(): number {
    return this.#log.offset;
  }

  /** Writes to its stdin (spawned with `stdin: "pipe"`), closing it after `data` when `end` is true. */
  write(data: string, end = false): void {
    if (this.#child.stdin === null) throw new Error(`${this.name} was spawned without stdin: "pipe"`);
    if (end) this.#child.stdin.end(data);
    else this.#child.stdin.write(data);
  }

  /**
   * The first match of `pattern` in its output at or after `from`, waiting at most `timeoutMs`.
   * Rejects with `EXUM_PEER_NO_LOG_LINE` on timeout and `EXUM_PEER_EXITED` if it exits first.
   */
  async waitForLog(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    const waiting = this.#log.waitFor(pattern, from);
    try {
      return await this.#bounded(waiting.match, timeoutMs, PeerErrorCode.NoLogLine, `print ${String(pattern)}`);
    } finally {
      waiting.cancel();
    }
  }

  /** Resolves once a TCP connection to 127.0.0.1:`port` is accepted (then closes it), within `timeoutMs`. */
  async waitForTcpPort(port: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let stop = false;
    const probing = (async () => {
      while (!stop && Date.now() < deadline) {
        if (await canConnect(port, Math.min(500, Math.max(1, deadline - Date.now())))) return;
        await sleep(PROBE_INTERVAL_MS);
      }
      await new Promise(() => undefined);
    })();
    try {
      await this.#bounded(probing, timeoutMs, PeerErrorCode.NotReady, `accept TCP connections on ${LOOPBACK}:${port}`);
    } finally {
      stop = true;
    }
  }

  /** Waits for `readiness` (a port or a log line) within `timeoutMs`; rejects with `EXUM_PEER_NOT_READY`. */
  async waitUntilReady(readiness: Readiness, timeoutMs: number): Promise<void> {
    if ("tcpPort" in readiness) return this.waitForTcpPort(readiness.tcpPort, timeoutMs);
    try {
      await this.waitForLog(readiness.logLine, timeoutMs);
    } catch (error) {
      if ((error as { code?: unknown }).code !== PeerErrorCode.NoLogLine) throw error;
      throw this.#error(PeerErrorCode.NotReady, `did not print ${String(readiness.logLine)} within ${timeoutMs} ms`);
    }
  }

  /**
   * Stops the whole process group: SIGTERM, then SIGKILL after the grace period, then waits at most 2 s more.
   * Safe to call twice and after the peer has exited (it still sweeps the group for strays).
   */
  stop(): Promise<PeerExit> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<PeerExit> {
    if (this.pid <= 0) return this.exited;
    if (this.#exit === undefined) {
      signalProcessGroup(this.pid, "SIGTERM");
      if (!(await this.#exitsWithin(this.#stopGraceMs))) {
        signalProcessGroup(this.pid, "SIGKILL");
        await this.#exitsWithin(KILL_WAIT_MS);
      }
    }
    signalProcessGroup(this.pid, "SIGKILL");
    await Promise.race([this.#closed, sleep(DRAIN_WAIT_MS)]);
    untrackProcessGroup(this.pid);
    return this.#exit ?? { code: null, signal: "SIGKILL" };
  }

  async #exitsWithin(ms: number): Promise<boolean> {
    return Promise.race([this.exited.then(() => true), sleep(ms).then(() => false)]);
  }

  /** `work` within `timeoutMs`, failing fast when the peer exits first. */
  async #bounded<T>(work: Promise<T>, timeoutMs: number, code: PeerErrorCode, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.#error(code, `did not ${what} within ${timeoutMs} ms`)), timeoutMs);
    });
    const exited = this.exited.then((exit): never => {
      throw this.#error(PeerErrorCode.Exited, `exited (${describeExit(exit)}) before it would ${what}`);
    });
    try {
      return await Promise.race([work, timeout, exited]);
    } finally {
      clearTimeout(timer);
      exited.catch(() => undefined);
    }
  }

  #error(code: PeerErrorCode, message: string): Error {
    return internalError(code, `${this.name} (pid ${this.pid}) ${message}\n--- last output of ${this.name} ---\n${this.#log.tail()}`, {
      hint: "set EXUM_KEEP_TEMP=1 to keep the peer's temp folder (config, logs) for a look",
    });
  }
}

/** Shorthand for {@link PeerProcess.spawn}. */
export function spawnPeer(options: PeerProcessOptions): PeerProcess {
  return PeerProcess.spawn(options);
}

export function describeExit(exit: PeerExit): string {
  return exit.signal === null ? `exit code ${String(exit.code)}` : `signal ${exit.signal}`;
}

function canConnect(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOOPBACK, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** An unref'd sleep: it never keeps the test process alive by itself. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
