/** Where a failure code is decided: the layer of the harness that sees it happen. */
export type FailureLayer = "connection" | "sip" | "media" | "rtp" | "failover";

/**
 * What a failure does to a probe's exit code (docs/design.md §1): `failed` is exit 1 (the server's answer or the TLS
 * outcome was a failure); `interrupted` is the exit code of the signal that stopped us (130 for SIGINT), since it says
 * nothing about the peer.
 */
export type FailureExitClass = "failed" | "interrupted";

/** What an administrator changes, for a reader of the report (docs/design.md §7: "the fix an administrator would apply"). */
export interface FailureFix {
  /** What it means, for an administrator, in one sentence. */
  readonly problem: string;
  /** What to change. */
  readonly action: string;
  /** The commands that change it (Exchange Management Shell, Lync/SfB Management Shell). Placeholders in `<…>`. */
  readonly commands: readonly string[];
  /** Where the rule is written: the docs/ section and its confidence tag. */
  readonly source: string;
  /**
   * A sharper fix when the rejection names a reason (`ms-diagnostics(-public)` reason, docs/protocol.md §4): the
   * `rejected` code covers every 4xx–6xx the harness does not classify more precisely.
   */
  readonly byReason?: Readonly<Record<string, { readonly action: string; readonly commands: readonly string[] }>>;
}

/** One row of the failure-code registry. */
export interface FailureDefinition {
  readonly layer: FailureLayer;
  /** What the code means, as evidence: what the harness saw. */
  readonly meaning: string;
  readonly exitClass: FailureExitClass;
  readonly fix: FailureFix;
}
