import { ExitCode } from "../errors/exit-codes.js";
import { formatError } from "../errors/format-error.js";
import { isHarnessError } from "../errors/harness-error.js";
import type { CliCommand } from "./cli-command.js";
import { processIo, type CliIo } from "./cli-io.js";
import { toolVersion } from "./tool-version.js";

/**
 * Parses argv, runs one command and returns the process exit code (docs/design.md §1):
 * 0 success, 1 failure seen on the wire / unmet expectation, 2 bad input, 3 harness error, 130 interrupted (SIGINT),
 * 143 terminated (SIGTERM, handled like SIGINT: long commands stop and write what they have).
 */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  // `exum --version` alone is answered before yargs and the command registry load (docs/design.md §10, start-up):
  // scripts and monitoring jobs call it to see which exum they have.
  if (argv.length === 1 && argv[0] === "--version") {
    (io ?? processIo(new AbortController().signal)).out(`${await toolVersion()}\n`);
    return ExitCode.Ok;
  }
  const { commands } = await import("./commands.js");
  if (io !== undefined) return dispatch(argv, io, commands);
  const controller = new AbortController();
  return runWithSignals(argv, processIo(controller.signal), controller, process, commands);
}

/** Where the process's signals come from: the process itself, or a test's emitter. */
export interface SignalSource {
  once(event: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: "SIGINT" | "SIGTERM", listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * Runs a command with SIGINT and SIGTERM aborting `controller` (the signal `io` was made with): long commands stop
 * and write what they have. SIGTERM, how CI systems stop a job, ends with 143 instead of 130.
 */
export async function runWithSignals(argv: string[], io: CliIo, controller: AbortController, signals: SignalSource, registry: readonly CliCommand[]): Promise<number> {
  let received: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    controller.abort(new Error(signal === "SIGTERM" ? "terminated" : "interrupted"));
  };
  signals.once("SIGINT", onSignal);
  signals.once("SIGTERM", onSignal);
  try {
    const code = await dispatch(argv, io, registry);
    return code === ExitCode.Interrupted && received === "SIGTERM" ? ExitCode.Terminated : code;
  } finally {
    signals.off("SIGINT", onSignal);
    signals.off("SIGTERM", onSignal);
  }
}

export async function dispatch(argv: string[], io: CliIo, registry: readonly CliCommand[]): Promise<number> {
  let parseFailure: string | undefined;
  // Loaded here, not at the top: yargs is the largest module a command's start-up needs (docs/design.md §10).
  const { default: yargs } = await import("yargs");
  let parser = yargs(argv)
    .scriptName("exum")
    .usage("$0 <command> [options]\n\nSIP/TLS interop tests for Exchange UM with Lync / Skype for Business.")
    .strict()
    .demandCommand(1, "Name a command: exum --help lists them.")
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .help()
    .version(await toolVersion())
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      parseFailure = message;
    });
  // The commands are registered for parsing and validation only and run here, after the parse.
  const byName = new Map(registry.map((command) => [command.command.split(" ")[0], command]));
  for (const command of registry) parser = parser.command(command.command, command.describe, (y) => command.builder(y));
  skipHelpCache(parser);
  try {
    const { args, output } = await new Promise<{ args: Record<string, unknown> & { _: (string | number)[] }; output: string }>((resolve, reject) => {
      parser.parse(argv, {}, (error, parsed, text) => (error ? reject(error) : resolve({ args: parsed as never, output: text })));
    });
    if (parseFailure !== undefined) {
      io.err(`error[EXUM_USAGE]: ${parseFailure}\n  hint: exum --help lists the commands and their options\n`);
      return ExitCode.BadInput;
    }
    if (output) {
      io.out(`${output}\n`);
      return ExitCode.Ok;
    }
    const command = byName.get(String(args._[0]));
    return command === undefined ? ExitCode.Ok : await command.run(args as never, io);
  } catch (error) {
    io.err(`${formatError(error)}\n`);
    if (isHarnessError(error)) return error.exitCode;
    if (io.signal.aborted) return ExitCode.Interrupted;
    if (error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return ExitCode.HarnessError;
  }
}

/**
 * yargs 17 renders the command's whole help text after every parse that runs a command (command.js, "cacheHelpMessage"),
 * so that a handler that fails later can still print it: about 35 ms of CPU before the command sends anything
 * (docs/design.md §10). Our failures never print the help (the `fail` callback above), so the cache is not filled.
 * The hook is internal to yargs; where a version lacks it, the parse only stays slower.
 */
function skipHelpCache(parser: unknown): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => undefined;
}
