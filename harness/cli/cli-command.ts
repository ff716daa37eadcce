import type { Argv } from "yargs";
import type { CliIo } from "./cli-io.js";

/**
 * One `exum` command, registered in commands.ts. `run` returns the exit code (ExitCode); it throws a HarnessError for
 * bad input or harness failures, which main() prints and maps to 2 or 3.
 *
 * A command is two files, so that `exum --help`, `exum --version` and every other command load only what they need
 * (docs/design.md §10, start-up):
 * - `<name>-command.ts`, the description yargs needs to parse and list it: `command`, `describe`, `builder` and the
 *   flags' interface. It imports types and light flag builders only (probe-flags.ts, run-output-flags.ts,
 *   log/log-levels.ts), never sip.js, node-forge, zod, pino, the lab, the reporters or the scenario runner.
 * - `<name>-handler.ts`, what the command does: `export async function <name>Handler(flags, io)`, with every heavy
 *   import. The description's `run` imports it when the command runs:
 *
 *       run: async (flags, io) => (await import("./<name>-handler.js")).<name>Handler(flags, io),
 *
 * To convert a command written the older way (one file with `async run(flags, io) { … }`): move the body of `run`
 * and the imports it uses into `<name>-handler.ts`, and leave the line above in its place. lazy-commands.test.ts
 * fails when `exum --help` loads a heavy module.
 */
export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. `options <target>`. */
  readonly command: string;
  readonly describe: string;
  builder(yargs: Argv): Argv;
  run(args: A, io: CliIo): Promise<number>;
}
