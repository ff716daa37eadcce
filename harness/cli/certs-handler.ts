import { ExitCode } from "../errors/exit-codes.js";
import { inputError } from "../errors/harness-error.js";
import type { CertsArgs } from "./certs-args.js";
import { runCertsInit } from "./certs-init.js";
import { runCertsLint } from "./certs-lint.js";
import { runCertsShow } from "./certs-show.js";
import type { CliIo } from "./cli-io.js";

/** Which option belongs to which action; anything else is refused, so a typo never goes unnoticed. */
const OPTIONS_OF: Record<CertsArgs["action"], readonly string[]> = {
  init: ["dir", "force", "pfx-passphrase", "json"],
  lint: ["ca", "fqdn", "peers", "cert", "key", "pfx", "passphrase", "timeout", "resolve", "expiry-days", "json"],
  show: ["dir", "passphrase", "json"],
};

const ALL_OPTIONS = [...new Set(Object.values(OPTIONS_OF).flat())];

/** What `exum certs` does (certs-command.ts describes it: init, lint or show). */
export async function certsHandler(args: CertsArgs, io: CliIo): Promise<number> {
  const allowed = OPTIONS_OF[args.action] as readonly string[] | undefined;
  // yargs still calls the handler after rejecting an unknown action (the frame has printed the error).
  if (allowed === undefined) return ExitCode.BadInput;
  for (const option of ALL_OPTIONS) {
    if (!allowed.includes(option) && (args as unknown as Record<string, unknown>)[option] !== undefined) {
      throw inputError("EXUM_USAGE", `--${option} does not apply to certs ${args.action}`, {
        field: `--${option}`,
        hint: `certs ${args.action} takes: ${allowed.map((name) => `--${name}`).join(", ")}`,
      });
    }
  }
  if (args.action === "init" && args.input !== undefined) {
    throw inputError("EXUM_USAGE", `certs init takes no argument (got "${args.input}")`, { hint: "name the directory with --dir" });
  }
  if (args.action === "init") return runCertsInit(args, io);
  if (args.action === "lint") return runCertsLint(args, io);
  return runCertsShow(args, io);
}
