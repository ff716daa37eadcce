import type { Argv } from "yargs";
import type { CliIo } from "./cli-io.js";

/**
 * One `exum` command. Each lives in its own file under harness/cli/ and is registered in main.ts.
 * `run` returns the exit code (ExitCode); it throws a HarnessError for bad input or harness failures,
 * which main() prints and maps to 2 or 3.
 */
export interface CliCommand<A = Record<string, unknown>> {
  /** yargs command string, e.g. `options <target>`. */
  readonly command: string;
  readonly describe: string;
  builder(yargs: Argv): Argv;
  run(args: A, io: CliIo): Promise<number>;
}
