/**
 * A parsed `ms-diagnostics` (Lync/SfB) or `ms-diagnostics-public` (Exchange UM) header.
 *
 * docs/protocol.md §4 and §10: `<ErrorId>[.<SubErrorCode>];name=value[;name=value]…`, parameters in any order and
 * any case (`reason=`, `Reason=`), values quoted or bare (`Source= host`), `source` sometimes absent. Exchange writes
 * `ms-diagnostics-public: <ErrorCode>;source="<local fqdn>";reason="<text>"`; Lync writes
 * `ms-diagnostics: <id>;reason="<text>";source="<fqdn>"[;appName="…"]` and may add `component=`, `SipResponseCode=`
 * and others. The range 15000–15999 is Exchange UM routing, 10000–10999 the Mediation Server, 1000–1999 the SIP stack.
 */
export interface MsDiagnostics {
  readonly header: "ms-diagnostics" | "ms-diagnostics-public";
  /** The ErrorId, the number before any `.SubErrorCode`; null when the header does not start with one. */
  readonly code: number | null;
  /**
   * The `.SubErrorCode` after the ErrorId, null when there is none. Optional only so that diagnostics recorded before
   * it existed still read; the parser always sets it.
   */
  readonly subCode?: number | null;
  /** `params.reason`: free text, possibly a sentence followed by details; classify by its leading words only. */
  readonly reason: string | null;
  readonly source: string | null;
  readonly appName: string | null;
  /**
   * Which component the code range belongs to, where docs/protocol.md §4 names one. Not the header's own
   * `component=` parameter (`component="MediationServer"`, `Component="RTCC/…"`): that one is in `params.component`.
   */
  readonly component: "exchange-um-routing" | "mediation-server" | "sip-stack" | null;
  /**
   * Every `name=value` parameter after the ErrorId, names lower-cased, values unquoted (a parameter without a value
   * has ""); the first of a repeated name wins. Optional only as `subCode` is; the parser always sets it.
   */
  readonly params?: Readonly<Record<string, string>>;
  readonly raw: string;
}
