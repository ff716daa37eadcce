import t from "tap";
import { PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION, TRUNK_MATRIX } from "./matrix-documented.js";
import { MATRIX_SWEEPS } from "./matrix-sweeps.js";

t.test("every documented table has one cell per row and column of its sweep", async (t) => {
  for (const sweep of MATRIX_SWEEPS) {
    for (const table of sweep.documented) {
      const keys = table.cells.map((cell) => `${cell.row}×${cell.column}`);
      const expected = sweep.rows.values.flatMap((row) => sweep.columns.values.map((column) => `${row}×${column}`));
      t.same([...keys].sort(), [...expected].sort(), `${sweep.id}: ${table.id}`);
      t.match(table.source, /docs\/protocol\.md §\d/, `${table.id} names its source`);
    }
  }
});

t.test("docs/protocol.md §2: the seed's Lync Phone Edition rule is stated in the same terms", async (t) => {
  // docs/protocol.md §2: "The seed documents state the Lync Phone Edition rule in the same terms".
  for (const cell of PROTOCOL_MATRIX.cells) {
    const seed = SEED_LYNC_PHONE_EDITION.cells.find((entry) => entry.row === cell.row && entry.column === cell.column);
    t.equal(seed?.outcome, cell.outcome, `${cell.row} × ${cell.column}`);
  }
});

t.test("the trunk table is §2's with SRTPMode for EncryptionLevel [INF]", async (t) => {
  t.same(
    TRUNK_MATRIX.cells.map((cell) => [cell.row, cell.column, cell.outcome, cell.failures]),
    PROTOCOL_MATRIX.cells.map((cell) => [cell.row, { RequireEncryption: "Required", SupportEncryption: "Optional", DoNotSupportEncryption: "NotSupported" }[cell.column], cell.outcome, cell.failures]),
  );
  t.match(TRUNK_MATRIX.note, /\[INF\]/);
});
