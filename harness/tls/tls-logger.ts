/**
 * The little of a logger this layer needs: pino's `logger.debug(obj, msg)` shape, so a pino child logger can be
 * passed as is. Callers that pass nothing get silence.
 */
export interface TlsLogger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** The logger used when none is given. */
export const silentTlsLogger: TlsLogger = {
  debug: () => undefined,
  warn: () => undefined,
};
