import { chmodSync, createWriteStream } from "node:fs";
import { once } from "node:events";
import { inputError } from "../errors/harness-error.js";
import type { KeylogSink } from "./keylog-sink.js";

/**
 * Opens `file` for appending key log lines, created with mode 0600 (they decrypt the traffic); an existing file is
 * set to 0600 too. Writes are buffered by the stream, never synchronous (docs/design.md §10). Throws an input error
 * `EXUM_KEYLOG_OPEN` naming `--keylog` when the file cannot be opened.
 */
export async function openKeylog(file: string): Promise<KeylogSink> {
  const stream = createWriteStream(file, { flags: "a", mode: 0o600 });
  try {
    await once(stream, "open");
    chmodSync(file, 0o600);
  } catch (error) {
    stream.destroy();
    throw inputError("EXUM_KEYLOG_OPEN", `cannot write the TLS key log ${file} (${(error as Error).message})`, {
      field: "--keylog",
      hint: "give a path in a writable folder",
      cause: error,
    });
  }
  let closed = false;
  stream.on("error", () => {
    closed = true; // a full disk must not take the run down; the key log is a diagnostic
  });
  return {
    write(line: Buffer): void {
      if (closed) return;
      stream.write(line.at(-1) === 0x0a ? line : Buffer.concat([line, Buffer.from("\n")]));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => stream.end(() => resolve()));
    },
  };
}
