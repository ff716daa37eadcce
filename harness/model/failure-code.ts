import { CONNECTION_FAILURES } from "./connection-failures.js";
import { FAILOVER_FAILURES } from "./failover-failures.js";
import type { FailureDefinition, FailureFix, FailureLayer } from "./failure-definition.js";
import { MEDIA_FAILURES } from "./media-failures.js";
import { RTP_FAILURES } from "./rtp-failures.js";
import { reasonLeadsWith } from "./reason-leads-with.js";
import { SIP_FAILURES } from "./sip-failures.js";

/**
 * The one failure-code registry (docs/design.md §6: "Failure classifications are stable codes documented in one
 * table"). Callers, expectations and reports match on the code, never on the message. docs/failure-codes.md, the
 * scenario JSON Schema's enum and the report's fix boxes are generated from it.
 */
export const FAILURES = { ...CONNECTION_FAILURES, ...SIP_FAILURES, ...MEDIA_FAILURES, ...RTP_FAILURES, ...FAILOVER_FAILURES };

/** A stable failure code: a mistyped one does not compile. */
export type FailureCode = keyof typeof FAILURES;

/** The codes one layer decides. */
export type FailureCodeOf<Layer extends FailureLayer> = {
  [Code in FailureCode]: (typeof FAILURES)[Code]["layer"] extends Layer ? Code : never;
}[FailureCode];

// A code defined by two layers would silently keep the last definition in the spread above: these fail to compile.
type Disjoint<A, B> = [keyof A & keyof B] extends [never] ? true : false;
const disjoint: [
  Disjoint<typeof CONNECTION_FAILURES, typeof SIP_FAILURES>,
  Disjoint<typeof CONNECTION_FAILURES, typeof MEDIA_FAILURES>,
  Disjoint<typeof CONNECTION_FAILURES, typeof FAILOVER_FAILURES>,
  Disjoint<typeof SIP_FAILURES, typeof MEDIA_FAILURES>,
  Disjoint<typeof SIP_FAILURES, typeof FAILOVER_FAILURES>,
  Disjoint<typeof MEDIA_FAILURES, typeof FAILOVER_FAILURES>,
  Disjoint<typeof RTP_FAILURES, typeof CONNECTION_FAILURES>,
  Disjoint<typeof RTP_FAILURES, typeof SIP_FAILURES>,
  Disjoint<typeof RTP_FAILURES, typeof MEDIA_FAILURES>,
  Disjoint<typeof RTP_FAILURES, typeof FAILOVER_FAILURES>,
] = [true, true, true, true, true, true, true, true, true, true];
void disjoint;

/** Every {@link FailureCode}, in registry order (connection, SIP, media, RTP, failover). */
export const FAILURE_CODES = Object.keys(FAILURES) as [FailureCode, ...FailureCode[]];

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === "string" && Object.hasOwn(FAILURES, value);
}

/** The registry's row for a code. */
export function failureDefinition(code: FailureCode): FailureDefinition {
  return FAILURES[code];
}

/** Every code of one layer, in registry order. */
export function failureCodesOf<Layer extends FailureLayer>(layer: Layer): FailureCodeOf<Layer>[] {
  return FAILURE_CODES.filter((code) => FAILURES[code].layer === layer) as FailureCodeOf<Layer>[];
}

/**
 * What to do about a failure code, the action and commands sharpened by an ms-diagnostics reason when the registry
 * has one; null for no code or a code the registry does not know (a run.json from another version).
 */
export function fixFor(code: string | null | undefined, reason: string | null = null): FailureFix | null {
  if (code === null || code === undefined || !isFailureCode(code)) return null;
  const fix: FailureFix = FAILURES[code].fix;
  // Exchange's reason is a sentence that may go on with details (docs/protocol.md §10): the variant whose reason name
  // leads it, never a comparison of the whole text.
  const key = reason === null ? undefined : Object.keys(fix.byReason ?? {}).find((name) => reasonLeadsWith(reason, name));
  const variant = key === undefined ? undefined : fix.byReason?.[key];
  return variant === undefined ? fix : { ...fix, action: variant.action, commands: variant.commands };
}
