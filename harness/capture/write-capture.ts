import { internalError } from "../errors/harness-error.js";
import type { FileSystem } from "../files/file-system.js";
import { PRIVATE_FILE_MODE, writeFileAtomic } from "../files/write-file-atomic.js";
import type { CaptureRecorder } from "./capture-recorder.js";

export interface WriteCaptureOptions {
  /** The file's mode: 0600 by default, as the TLS key log's (the embedded secrets decrypt the traffic). @defaultValue 0o600 */
  readonly mode?: number;
  /** @defaultValue the real file system */
  readonly fs?: FileSystem;
}

/**
 * Writes the recorder's capture to `path` (a `.pcapng`) through a temporary file renamed over it, so a reader never
 * sees half a capture. A failure is `EXUM_REPORT_WRITE` (the capture is one of a run's report files).
 */
export async function writeCapture(path: string, recorder: Pick<CaptureRecorder, "bytes">, options: WriteCaptureOptions = {}): Promise<void> {
  try {
    await writeFileAtomic(path, recorder.bytes(), { mode: options.mode ?? PRIVATE_FILE_MODE, ...(options.fs === undefined ? {} : { fs: options.fs }) });
  } catch (error) {
    throw internalError("EXUM_REPORT_WRITE", `cannot write the capture ${path}: ${(error as Error).message}`, {
      hint: "check that the folder exists, is writable and has space left",
      file: path,
      cause: error,
    });
  }
}
