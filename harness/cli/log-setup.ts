import { createWriteStream, openSync } from "node:fs";
import { inputError } from "../errors/harness-error.js";
import type pino from "pino";
import { createLogger, loadPino, logLevels, type Logger, type LogLevel } from "../log/logger.js";
import type { CliIo } from "./cli-io.js";

export interface LogFlags {
  "log-level"?: string;
  "log-file"?: string;
}

const levelNames: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/**
 * The command's root logger: JSON lines to `--log-file` (everything from `fileLevel` up, default debug), and readable
 * lines on stderr from `--log-level` up (default warn), so a terminal user sees problems and a file keeps detail.
 */
export function setUpLogging(flags: LogFlags, io: CliIo, options: { fileLevel?: LogLevel } = {}): { logger: Logger; close(): Promise<void> } {
  const terminalLevel = (flags["log-level"] ?? "warn") as LogLevel;
  const streams: pino.StreamEntry[] = [
    {
      level: terminalLevel === "silent" ? "fatal" : terminalLevel,
      stream: { write: (line: string) => io.err(readable(line)) },
    },
  ];
  const file = flags["log-file"] ? openLogFile(flags["log-file"]) : undefined;
  const chosenFileLevel = options.fileLevel ?? "debug";
  if (file) streams.push({ level: chosenFileLevel === "silent" ? "fatal" : chosenFileLevel, stream: file });
  const fileLevel = file ? chosenFileLevel : terminalLevel;
  const logger = createLogger({
    level: terminalLevel === "silent" && !file ? "silent" : lowest(fileLevel, terminalLevel),
    // Made with the first line written (logger.ts: pino loads then).
    destination: () => loadPino().multistream(streams),
  });
  return {
    logger,
    close: () => new Promise<void>((resolve) => (file ? file.end(resolve) : resolve())),
  };
}

/** The log file, opened now so a path that cannot be written is bad input (exit 2), not a crash on the first line. */
function openLogFile(path: string) {
  let fd: number;
  try {
    fd = openSync(path, "a", 0o600);
  } catch (error) {
    throw inputError("EXUM_BAD_FLAG", `--log-file ${path}: cannot open it for writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      field: "--log-file",
      hint: "give a file in a folder that exists and that you can write",
    });
  }
  return createWriteStream(path, { fd });
}

/** The more verbose of two levels; `silent` (last in logLevels) is the least verbose of all, not the most. */
function lowest(a: LogLevel, b: LogLevel): LogLevel {
  if (a === "silent") return b;
  if (b === "silent") return a;
  return logLevels.indexOf(a) > logLevels.indexOf(b) ? a : b;
}

function readable(line: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : "";
    return `${String(time ?? "").slice(11, 23)} ${(levelNames[level as number] ?? "log").toUpperCase().padEnd(5)} ${String(msg ?? "")}${fields}\n`;
  } catch {
    return line;
  }
}
