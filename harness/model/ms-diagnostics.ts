/**
 * A parsed `ms-diagnostics` (Lync/SfB) or `ms-diagnostics-public` (Exchange UM) header.
 *
 * docs/protocol.md §4: Exchange writes `ms-diagnostics-public: <ErrorCode>;source="<local fqdn>";reason="<text>"`;
 * Lync writes `ms-diagnostics: <id>;reason="<text>";source="<fqdn>"[;appName="…"]`. The range 15000–15999 is
 * Exchange UM routing, 10000–10999 the Mediation Server, 1000–1999 the SIP stack.
 */
export interface MsDiagnostics {
  readonly header: "ms-diagnostics" | "ms-diagnostics-public";
  readonly code: number | null;
  readonly reason: string | null;
  readonly source: string | null;
  readonly appName: string | null;
  /** Which component the code range belongs to, where docs/protocol.md §4 names one. */
  readonly component: "exchange-um-routing" | "mediation-server" | "sip-stack" | null;
  readonly raw: string;
}
