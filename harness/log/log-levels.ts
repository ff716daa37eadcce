import type { LevelWithSilent } from "pino";

// Its own module, apart from logger.ts: the CLI's flag builders list the levels while `exum --help` runs, which must
// not load pino (docs/design.md §10, start-up).
export type LogLevel = LevelWithSilent;
export const logLevels: readonly LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
