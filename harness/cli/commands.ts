import { callCommand } from "./call-command.js";
import { certsCommand } from "./certs-command.js";
import type { CliCommand } from "./cli-command.js";
import { diffCommand } from "./diff-command.js";
import { labCommand } from "./lab-command.js";
import { matrixCommand } from "./matrix-command.js";
import { monitorCommand } from "./monitor-command.js";
import { optionsCommand } from "./options-command.js";
import { reportCommand } from "./report-command.js";
import { runCommand } from "./run-command.js";
import { selftestCommand } from "./selftest-command.js";
import { smokeCommand } from "./smoke-command.js";

/** Every `exum` command, in the order `exum --help` lists them: their descriptions, each loading its handler when it runs (cli-command.ts). */
export const commands: readonly CliCommand<never>[] = [
  runCommand as CliCommand<never>,
  labCommand as CliCommand<never>,
  optionsCommand as CliCommand<never>,
  callCommand as CliCommand<never>,
  certsCommand as CliCommand<never>,
  matrixCommand as CliCommand<never>,
  smokeCommand as CliCommand<never>,
  monitorCommand as CliCommand<never>,
  reportCommand as CliCommand<never>,
  diffCommand as CliCommand<never>,
  selftestCommand as CliCommand<never>,
];
