import type { Logger } from "pino";

/** sip.js's LogConnector signature: (level, category, label, content). */
export type SipJsLogConnector = (level: string, category: string, label: string | undefined, content: string) => void;

const levelMap: Record<string, "error" | "warn" | "debug" | "trace"> = {
  error: "error",
  warn: "warn",
  log: "debug",
  debug: "trace",
};

/**
 * Routes sip.js's own log lines into pino. sip.js hands every level to the connector (docs/sipjs.md, "logConnector
 * receives every level"), so this maps its levels down one notch (its "log" is chatty) and lets pino filter.
 */
export function sipJsLogConnector(logger: Logger): SipJsLogConnector {
  return (level, category, label, content) => {
    const pinoLevel = levelMap[level] ?? "debug";
    if (!logger.isLevelEnabled(pinoLevel)) return;
    logger[pinoLevel]({ sipjs: category, label }, content);
  };
}
