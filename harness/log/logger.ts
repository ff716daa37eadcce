import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./log-levels.js";

export type { Logger } from "pino";

export { logLevels, type LogLevel } from "./log-levels.js";

/**
 * Paths pino replaces with "[redacted]" wherever they appear in a log record: private keys and passphrases
 * never reach a log file (docs/style.md habit 11).
 */
export const redactPaths: readonly string[] = [
  "keyPem",
  "passphrase",
  "*.keyPem",
  "*.passphrase",
  "*.*.keyPem",
  "*.*.passphrase",
  "identity.keyPem",
  "options.identity.keyPem",
];

export interface LoggerOptions {
  /** @defaultValue "info" */
  level?: LogLevel;
  /** Where JSON lines go. @defaultValue a no-op sink (nothing is written) */
  destination?: DestinationStream;
}

/**
 * The root logger. Children carry bindings per run, scenario and user agent (`logger.child({ ua: … })`).
 * With no destination it writes nothing, so library code can log unconditionally.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? { write: () => undefined };
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: [...redactPaths], censor: "[redacted]" },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = createLogger({ level: "silent" });
