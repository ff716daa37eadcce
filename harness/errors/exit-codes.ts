/**
 * Process exit codes (docs/design.md §1). Named so callers and tests never use bare numbers.
 */
export const ExitCode = {
  /** Everything asked for succeeded (probe answered, every scenario met its expectations). */
  Ok: 0,
  /** The server's answer or the TLS outcome was a failure, or an expectation was not met. */
  Failed: 1,
  /** Bad input: a flag, a scenario, topology, site or certificate file. */
  BadInput: 2,
  /** The harness itself, or its infrastructure, failed. */
  HarnessError: 3,
  /** Interrupted by SIGINT (128 + 2): what ran is written. */
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), how CI systems stop a job: handled like SIGINT, what ran is written. */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
