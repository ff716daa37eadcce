/**
 * What a command may touch of the outside world, so tests can run the real CLI in-process and read what it
 * printed. `out` is for results (stdout), `err` for progress, warnings and errors (stderr).
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colour, live progress). */
  readonly isTty: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT or SIGTERM: long commands stop, write what they have, and exit 130 (143 for SIGTERM). */
  readonly signal: AbortSignal;
}

export function processIo(signal: AbortSignal): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    signal,
  };
}

/** An in-memory CliIo for tests: everything printed is kept. */
export function memoryIo(options: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {}): CliIo & {
  stdout: string;
  stderr: string;
} {
  const io = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    isTty: false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    signal: options.signal ?? new AbortController().signal,
  };
  return io;
}
