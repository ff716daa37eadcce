import { MEDIA_FAILURES } from "../sdp/media-failure.js";
import { sipFailureCodes } from "../sip/probe-failure.js";
import { TLS_FAILURE_CODES } from "../tls/tls-failure.js";

/**
 * The failure codes a step can end with that only a scenario produces. PROTOCOL.md §7 "Failover": MS-EUMR "on any
 * failure response or timer expiry moves to the next; when all have been tried it ends the call with 480".
 */
export const SCENARIO_FAILURE_CODES = {
  "all-servers-failed": "every server of a failover list was tried and none answered (MS-EUMR: the proxy then ends the call with 480)",
} as const;

/** Where a failure code is decided. */
export type FailureLayer = "connection" | "sip" | "media" | "failover";

/** One row of the failure-code table. */
export interface FailureCodeRow {
  readonly code: string;
  readonly layer: FailureLayer;
  /** What it means, from the table of the layer that decides it. */
  readonly meaning: string;
  /** The file whose table defines it. */
  readonly definedIn: string;
}

const SOURCES: readonly { layer: FailureLayer; table: Readonly<Record<string, string>>; definedIn: string }[] = [
  { layer: "connection", table: TLS_FAILURE_CODES, definedIn: "harness/tls/tls-failure.ts" },
  { layer: "sip", table: sipFailureCodes, definedIn: "harness/sip/probe-failure.ts" },
  { layer: "media", table: MEDIA_FAILURES, definedIn: "harness/sdp/media-failure.ts" },
  { layer: "failover", table: SCENARIO_FAILURE_CODES, definedIn: "harness/scenario/failure-code.ts" },
];

/**
 * Every stable failure code an expectation may name, in one table (DESIGN.md §6: "Failure classifications are stable
 * codes documented in one table"): the connection/TLS codes (harness/tls), the SIP codes (harness/sip), the media
 * codes (harness/sdp) and `all-servers-failed` (failover). A code appears once; the first layer that defines it wins.
 */
export function failureCodeTable(): FailureCodeRow[] {
  const rows: FailureCodeRow[] = [];
  const seen = new Set<string>();
  for (const source of SOURCES) {
    for (const [code, meaning] of Object.entries(source.table)) {
      if (seen.has(code)) continue;
      seen.add(code);
      rows.push({ code, layer: source.layer, meaning, definedIn: source.definedIn });
    }
  }
  return rows;
}

/** A failure code of {@link failureCodeTable}. */
export type FailureCode =
  | keyof typeof TLS_FAILURE_CODES
  | keyof typeof sipFailureCodes
  | keyof typeof MEDIA_FAILURES
  | keyof typeof SCENARIO_FAILURE_CODES;

/** Every {@link FailureCode}, in table order. */
export const FAILURE_CODES = failureCodeTable().map((row) => row.code) as [FailureCode, ...FailureCode[]];
