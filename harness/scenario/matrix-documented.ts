import type { CellOutcome, DocumentedCell, DocumentedTable } from "../model/matrix-model.js";

type Cell = Omit<DocumentedCell, "row" | "column">;

const works = (media: "rtp" | "srtp", mode: "Unsecured" | "SIPSecured" | "Secured", text: string): Cell => ({ outcome: "works", media, mode, failures: [], text });
const fails = (failures: readonly string[], text: string): Cell => ({ outcome: "fails", media: null, mode: null, failures, text });
const bare = (outcome: CellOutcome, text: string): Cell => ({ outcome, media: null, mode: null, failures: [], text });

/** A table from rows of cells, in the order of `columns`. */
function table(columns: readonly string[], rows: Readonly<Record<string, readonly Cell[]>>): DocumentedCell[] {
  return Object.entries(rows).flatMap(([row, cells]) => cells.map((cell, index) => ({ row, column: columns[index] as string, ...cell })));
}

const ENCRYPTION_LEVELS = ["RequireEncryption", "SupportEncryption", "DoNotSupportEncryption"] as const;
const SRTP_MODES = ["Required", "Optional", "NotSupported"] as const;
const STARTUP_MODES = ["TCP", "TLS", "Dual"] as const;

/** docs/protocol.md §2 "The compatibility matrix": the Unsecured row's two ways to fail. */
const UNSECURED = ["security-parity", "connection-refused"];

/**
 * docs/protocol.md §2 "The compatibility matrix" [DOC, seed], as written:
 *
 * | dial plan | RequireEncryption (default) | SupportEncryption | DoNotSupportEncryption |
 * |---|---|---|---|
 * | Unsecured | fails: TLS call into an Unsecured dial plan (403), or no TLS listener | same | same |
 * | SIPSecured | **fails: "Incompatible security setting"** — MTLS is up, SRTP required vs not supported | works, RTP in clear | works, RTP |
 * | Secured | works: MTLS + SRTP | works: SRTP (answer RTP/SAVP) | fails: Exchange requires SRTP |
 *
 * The modes of the working cells are §2's VoIPSecurity table [DOC]: SIPSecured = mutual TLS + RTP, Secured = mutual
 * TLS + SRTP.
 */
export const PROTOCOL_MATRIX: DocumentedTable = {
  id: "protocol-2",
  title: "docs/protocol.md §2 compatibility matrix",
  source: 'docs/protocol.md §2 "The compatibility matrix" [DOC, seed]',
  note: null,
  cells: table(ENCRYPTION_LEVELS, {
    Unsecured: [
      fails(UNSECURED, "fails: TLS call into an Unsecured dial plan (403), or no TLS listener"),
      fails(UNSECURED, "same"),
      fails(UNSECURED, "same"),
    ],
    SIPSecured: [
      fails(["incompatible-security-setting"], 'fails: "Incompatible security setting" — MTLS is up, SRTP required vs not supported'),
      works("rtp", "SIPSecured", "works, RTP in clear"),
      works("rtp", "SIPSecured", "works, RTP"),
    ],
    Secured: [
      works("srtp", "Secured", "works: MTLS + SRTP"),
      works("srtp", "Secured", "works: SRTP (answer RTP/SAVP)"),
      fails(["srtp-required-by-peer"], "fails: Exchange requires SRTP"),
    ],
  }),
};

/**
 * The seed documents' Lync Phone Edition rule, quoted in docs/protocol.md §2: "encryption required ↔ Secured; encryption
 * optional ↔ SIP secured or Secured; no encryption ↔ SIP secured" [DOC, seed]. It says which pairs work, not how the
 * others fail; Unsecured is in none of its pairs.
 */
export const SEED_LYNC_PHONE_EDITION: DocumentedTable = {
  id: "seed-lync-phone-edition",
  title: "Seed: Lync Phone Edition table",
  source: 'seed documents, quoted in docs/protocol.md §2: "encryption required ↔ Secured; encryption optional ↔ SIP secured or Secured; no encryption ↔ SIP secured" [DOC, seed]',
  note: "Unsecured is in none of the seed's pairs: it works in no column",
  cells: table(ENCRYPTION_LEVELS, {
    Unsecured: [bare("fails", "not listed"), bare("fails", "not listed"), bare("fails", "not listed")],
    SIPSecured: [bare("fails", "not listed (required ↔ Secured only)"), bare("works", "optional ↔ SIP secured"), bare("works", "no encryption ↔ SIP secured")],
    Secured: [bare("works", "required ↔ Secured"), bare("works", "optional ↔ Secured"), bare("fails", "not listed (no encryption ↔ SIP secured only)")],
  }),
};

/**
 * The trunk's SRTPMode against the dial plan, for the Mediation Server persona. docs/protocol.md §2 "Trunk SRTPMode" [DOC]
 * gives the three values the meanings of the three EncryptionLevels (Required: SRTP must be negotiated; Optional: if
 * it can be; NotSupported: never) and "With media bypass it must be compatible with EncryptionLevel"; the Mediation
 * Server's leg to Exchange UM is mutual TLS like the pool's. So §2's matrix with the columns renamed [INF].
 */
export const TRUNK_MATRIX: DocumentedTable = {
  id: "protocol-2-trunk",
  title: "docs/protocol.md §2 matrix for a trunk's SRTPMode",
  source: 'docs/protocol.md §2 "Trunk SRTPMode" [DOC] and "The compatibility matrix" [DOC, seed]',
  note: "[INF] Required ↔ RequireEncryption, Optional ↔ SupportEncryption, NotSupported ↔ DoNotSupportEncryption",
  cells: PROTOCOL_MATRIX.cells.map((cell) => ({ ...cell, column: SRTP_MODES[ENCRYPTION_LEVELS.indexOf(cell.column as (typeof ENCRYPTION_LEVELS)[number])] as string })),
};

/**
 * UMStartupMode against the dial plan. docs/protocol.md §1 "UMStartupMode" [DOC]: "`TCP` (default) opens only the TCP
 * listener; `TLS` only the TLS listener; `Dual` both (recommended). A secured dial plan on a server in TCP mode
 * therefore finds no listener on 5061: connection refused." With §2's VoIPSecurity table [DOC]: Unsecured is SIP over
 * TCP and RTP, SIPSecured mutual TLS and RTP, Secured mutual TLS and SRTP.
 */
export const STARTUP_MODE_TABLE: DocumentedTable = {
  id: "protocol-1-startup-mode",
  title: "docs/protocol.md §1 UMStartupMode",
  source: 'docs/protocol.md §1 "UMStartupMode" [DOC] with §2 "Exchange UM dial plan VoIPSecurity" [DOC]',
  note: "each call uses the transport its dial plan needs: TCP into Unsecured, mutual TLS into SIP secured and Secured",
  cells: table(STARTUP_MODES, {
    Unsecured: [
      works("rtp", "Unsecured", "works: TCP listener open, SIP over TCP + RTP"),
      fails(["connection-refused"], "fails: TLS mode opens only the TLS listener"),
      works("rtp", "Unsecured", "works: both listeners open"),
    ],
    SIPSecured: [
      fails(["connection-refused"], "fails: no listener on 5061, connection refused"),
      works("rtp", "SIPSecured", "works: mutual TLS + RTP"),
      works("rtp", "SIPSecured", "works: mutual TLS + RTP"),
    ],
    Secured: [
      fails(["connection-refused"], "fails: no listener on 5061, connection refused"),
      works("srtp", "Secured", "works: mutual TLS + SRTP"),
      works("srtp", "Secured", "works: mutual TLS + SRTP"),
    ],
  }),
};
