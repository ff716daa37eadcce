import { readFile } from "node:fs/promises";

/** A file a run is writing: its text so far, or "" while it does not exist yet (any other error fails the test). */
export async function readIfWritten(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}
