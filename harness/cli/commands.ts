import type { CliCommand } from "./cli-command.js";

/** Every `exum` command, in the order `exum --help` lists them. */
export const commands: readonly CliCommand<never>[] = [];
