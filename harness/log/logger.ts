import { createRequire } from "node:module";
import type pino from "pino";
import type { DestinationStream, Logger, LoggerOptions as PinoOptions } from "pino";
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
  /**
   * Where JSON lines go, or a function that makes it when the first line is written (a pino multistream, which
   * needs pino). @defaultValue a no-op sink (nothing is written)
   */
  destination?: DestinationStream | (() => DestinationStream);
}

type Pino = typeof pino;

/** pino, loaded on first use: a CommonJS package, so `require` loads it synchronously where a line is written. */
export function loadPino(): Pino {
  return createRequire(import.meta.url)("pino") as Pino;
}

/** pino's level numbers (pino's `levels.values`), so that a level can be judged before pino is loaded. */
const LEVEL_VALUES: Readonly<Record<LogLevel, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const METHODS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
type Method = (typeof METHODS)[number];

/**
 * A logger whose pino is made when a line at an enabled level is first written, with the children's bindings applied
 * in order. Importing pino and its streams cost a command ~15 ms of start-up (docs/design.md §10), and most commands
 * log nothing at the terminal's default level. It offers what the harness calls: the six level methods, `child`,
 * `isLevelEnabled` and `level`; every line still goes through pino (redaction, the time, the JSON).
 */
class LazyLogger {
  readonly level: LogLevel;
  readonly #threshold: number;
  readonly #make: () => Logger;
  #real: Logger | undefined;

  constructor(level: LogLevel, make: () => Logger) {
    this.level = level;
    this.#threshold = LEVEL_VALUES[level];
    this.#make = make;
    for (const method of METHODS) {
      const enabled = LEVEL_VALUES[method] >= this.#threshold;
      (this as unknown as Record<Method, (...args: unknown[]) => void>)[method] = enabled
        ? (...args: unknown[]) => (this.#logger()[method] as (...a: unknown[]) => void)(...args)
        : () => undefined;
    }
  }

  #logger(): Logger {
    this.#real ??= this.#make();
    return this.#real;
  }

  isLevelEnabled(level: string): boolean {
    const value = LEVEL_VALUES[level as LogLevel] as number | undefined;
    return value !== undefined && value >= this.#threshold;
  }

  child(bindings: Record<string, unknown>): Logger {
    return new LazyLogger(this.level, () => this.#logger().child(bindings)) as unknown as Logger;
  }
}

/**
 * The root logger. Children carry bindings per run, scenario and user agent (`logger.child({ ua: … })`).
 * With no destination it writes nothing, so library code can log unconditionally.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const make = (): Logger => {
    const pino = loadPino();
    const given = options.destination;
    const destination = given === undefined ? { write: () => undefined } : typeof given === "function" ? given() : given;
    const settings: PinoOptions = {
      level,
      redact: { paths: [...redactPaths], censor: "[redacted]" },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    };
    return pino(settings, destination);
  };
  return new LazyLogger(level, make) as unknown as Logger;
}

/** A logger that drops everything: the default for library calls and tests. */
export const silentLogger: Logger = createLogger({ level: "silent" });
