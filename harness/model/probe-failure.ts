import type { FailureCode } from "./failure-code.js";

/**
 * A stable failure classification a probe ends with (docs/failure-codes.md): the code, and a message naming the facts
 * behind it.
 */
export interface ProbeFailure {
  readonly code: FailureCode;
  readonly message: string;
  /** The TLS alert received, for TLS failures where one was read (RFC 8446 §6: 48 unknown_ca, 116 …). */
  readonly alert?: number;
}

export function failure(code: FailureCode, message: string, alert?: number | null): ProbeFailure {
  return alert === undefined || alert === null ? { code, message } : { code, message, alert };
}
