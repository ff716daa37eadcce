import type { Argv } from "yargs";
import type { CliCommand } from "./cli-command.js";
import { runOutputFlags, type RunOutputFlags } from "./run-output-flags.js";
import { EXPIRY_WARNING_DAYS_OPTION } from "./expiry-days-flag.js";

export interface SmokeFlags extends RunOutputFlags {
  site?: string;
  timeout?: number;
  baseline?: string;
  "expiry-warning-days": number;
}

/**
 * `exum smoke --site <file>` (docs/design.md §1): the safe post-deployment set against a real site, built in
 * memory (harness/scenario smokePlans): OPTIONS over mutual TLS and a live certificate lint of every Call Router (and
 * Exchange 2010 UM server) and Mediation Server the site binds, then one short Secured call (RequireEncryption, BYE
 * right after the answer) to its auto attendant or Subscriber Access pilot. One call at a time, never load; the whole
 * run bounded (the site's `safety.maxDuration`, else a minute), each check by the site's `timeout:` or `--timeout`, so
 * a hung server is a verdict. Output and files as `exum run`: a line per check as it finishes, a summary,
 * `<out>/<run-id>/`. Exit 0 all passed, 1 a check failed, 2 bad input (nothing written), 3 harness error, 130 Ctrl-C
 * (what ran is written). With `--baseline <run.json>` the run is then diffed against that earlier run (harness/diff,
 * docs/design.md §1 "exum diff"), the diff printed after the summary, and a security regression or a regression makes
 * the exit 1 even when every check passed.
 */
export const smokeCommand: CliCommand<SmokeFlags> = {
  command: "smoke",
  describe: "the safe post-deployment set against a real site: OPTIONS, certificates, one Secured call; writes reports/<run-id>/",
  builder: (yargs: Argv): Argv =>
    runOutputFlags(
      yargs
        .option("site", { type: "string", describe: "the site file: roles bound to the real servers, identity, CA bundle, pilots (scenarios/site.example.yaml)" }),
    )
      .option("timeout", { type: "number", describe: "seconds each connect, handshake and final response may take (default: the site's timeout:, 8)" })
      .option("baseline", { type: "string", describe: "an earlier run (run.json or its folder): print what changed since, exit 1 on a security regression or a regression" })
      .option("expiry-warning-days", { ...EXPIRY_WARNING_DAYS_OPTION, describe: `with --baseline: ${EXPIRY_WARNING_DAYS_OPTION.describe}` })
      .example("$0 smoke --site contoso.yaml", "after a change window: OPTIONS, certificates and one Secured call, in a minute at most")
      .example("$0 smoke --site contoso.yaml --reporter list,junit --timeout 4", "in CI, with a JUnit file")
      .example("$0 smoke --site contoso.yaml --baseline reports/before-change", "and what changed since the run before the change window"),
  run: async (flags, io) => (await import("./smoke-handler.js")).smokeHandler(flags, io),
};
