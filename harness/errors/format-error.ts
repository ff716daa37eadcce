import { isHarnessError } from "./harness-error.js";

/**
 * One human-readable block for an error that reached the top: `error[CODE]: message`, then the file and
 * field, then the hint. Unknown errors keep their message; the stack is for the log, not the terminal.
 */
export function formatError(error: unknown): string {
  if (isHarnessError(error)) {
    const lines = [`error[${error.code}]: ${error.message}`];
    if (error.file !== undefined || error.field !== undefined) {
      lines.push(`  in: ${[error.file, error.field].filter((part) => part !== undefined).join(" at ")}`);
    }
    if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
    return lines.join("\n");
  }
  const message = error instanceof Error ? error.message : String(error);
  return `error[EXUM_INTERNAL]: ${message}`;
}
