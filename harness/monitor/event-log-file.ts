import { open, type FileHandle } from "node:fs/promises";
import { inputError } from "../errors/harness-error.js";
import type { MonitorEvent } from "./monitor-event.js";

/** The JSON-lines event log of `--events <file>`: appended to, one event per line, in the order they happened. */
export interface EventLogFile {
  write(event: MonitorEvent): void;
  /** Waits for every line written so far, then closes the file. */
  close(): Promise<void>;
}

/**
 * Opens `file` for appending (a monitor restarted by cron or systemd continues the same log), mode 0644: the log holds
 * names, statuses and certificate fingerprints, never a key. A file that cannot be opened is bad input naming
 * `--events` (exit 2) before anything is sent.
 */
export async function openEventLog(file: string): Promise<EventLogFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, "a", 0o644);
  } catch (error) {
    throw inputError("EXUM_BAD_FLAG", `--events ${file}: cannot open it for appending: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      field: "--events",
      hint: "give a file in a folder that exists and that you may write",
      cause: error,
    });
  }
  let pending: Promise<unknown> = Promise.resolve();
  return {
    write(event) {
      const line = `${JSON.stringify(event)}\n`;
      pending = pending.then(() => handle.appendFile(line, "utf8")).catch(() => undefined);
    },
    async close() {
      await pending;
      await handle.close();
    },
  };
}
