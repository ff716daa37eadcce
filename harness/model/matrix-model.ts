/**
 * The compatibility matrix in the run model (`RunResult.matrix`, written by `exum matrix`; docs/design.md §7: "the
 * compatibility matrix as a coloured grid beside the documented table"). Plain JSON, like the rest of run.json. The
 * documented tables travel with the measurement, so a report is a function of run.json alone.
 */

/** What a cell says: the call works or fails. */
export type CellOutcome = "works" | "fails";

/** One cell of a documented table, as its source words it. */
export interface DocumentedCell {
  /** The row value (a dial plan VoIPSecurity). */
  readonly row: string;
  /** The column value (an EncryptionLevel, SRTPMode or UMStartupMode). */
  readonly column: string;
  readonly outcome: CellOutcome;
  /** The media it works with, when the source says (`rtp`, `srtp`), else null. */
  readonly media: "rtp" | "srtp" | null;
  /** Exchange's name for the result when it works, when the source says. */
  readonly mode: "Unsecured" | "SIPSecured" | "Secured" | null;
  /** The failure codes any of which is this cell's documented failure; empty when the source does not say how it fails. */
  readonly failures: readonly string[];
  /** The source's words for the cell. */
  readonly text: string;
}

/** A documented table over the same rows and columns as a sweep. */
export interface DocumentedTable {
  /** `protocol-2`, `seed-lync-phone-edition` … */
  readonly id: string;
  readonly title: string;
  /** Where it is written (`docs/protocol.md §2 "The compatibility matrix" [DOC, seed]`). */
  readonly source: string;
  /** How it was derived, when it is not quoted as it stands (`[INF]` mappings). */
  readonly note: string | null;
  readonly cells: readonly DocumentedCell[];
}

/** A measured cell that does not say what a documented table says. */
export interface CellDifference {
  /** The DocumentedTable id. */
  readonly table: string;
  /** What the table says, in a few words (`fails: incompatible-security-setting`). */
  readonly expected: string;
  /** What was measured, in the same words (`works: srtp, Secured`). */
  readonly seen: string;
}

/** One call, measured. */
export interface MeasuredCell {
  readonly row: string;
  readonly column: string;
  readonly outcome: CellOutcome;
  /** The final status of the call, or null when none came (connection refused …). */
  readonly status: number | null;
  /** The failure code, or null when the call was answered. */
  readonly failure: string | null;
  /** What was negotiated on an answered call. */
  readonly negotiated: {
    readonly signaling: "tcp" | "tls" | "mtls";
    readonly media: "rtp" | "srtp" | null;
    readonly suite: string | null;
    readonly mode: "Unsecured" | "SIPSecured" | "Secured" | null;
  } | null;
  /** The step of the run that holds this cell's evidence (ladder, TLS, SDP), when there is one. */
  readonly step: { readonly scenario: string; readonly index: number } | null;
  /** One entry per documented table this cell contradicts; empty when it agrees with them all. */
  readonly differences: readonly CellDifference[];
}

/** One sweep: a grid of calls over two settings. */
export interface MatrixSweep {
  /** `pool-encryption`, `trunk-srtp`, `startup-mode`. */
  readonly id: string;
  readonly title: string;
  /** What each cell is: who calls, how, whom. */
  readonly description: string;
  readonly persona: string;
  readonly rows: { readonly setting: string; readonly values: readonly string[] };
  readonly columns: { readonly setting: string; readonly values: readonly string[] };
  readonly cells: readonly MeasuredCell[];
  readonly documented: readonly DocumentedTable[];
}

export interface MatrixResult {
  readonly sweeps: readonly MatrixSweep[];
  /** How many measured cells contradict a documented table. */
  readonly differences: number;
}
