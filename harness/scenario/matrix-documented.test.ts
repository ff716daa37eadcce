import { readFile } from "node:fs/promises";
import { join } from "node:path";
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

t.test("PROTOCOL_MATRIX is the table docs/protocol.md §2 prints, cell by cell (read from the document)", async (t) => {
  const text = await readFile(join(import.meta.dirname, "..", "..", "docs", "protocol.md"), "utf8");
  const section = text.slice(text.indexOf("### The compatibility matrix"), text.indexOf("## 3."));
  const rows = section.split("\n").filter((line) => /^\| (Unsecured|SIPSecured|Secured) \|/.test(line));
  t.equal(rows.length, 3, "three dial plan rows");
  const columns = ["RequireEncryption", "SupportEncryption", "DoNotSupportEncryption"];
  for (const line of rows) {
    const [row = "", ...cells] = line.split("|").slice(1, -1).map((cell) => cell.trim().replace(/\*\*/g, ""));
    cells.forEach((docText, index) => {
      const cell = PROTOCOL_MATRIX.cells.find((each) => each.row === row && each.column === columns[index]);
      t.equal(cell?.text, docText, `${row} × ${columns[index]}: the document's words`);
      // "same" repeats the row's first cell; otherwise the words begin with the outcome.
      const outcome = docText === "same" ? (cells[0]?.startsWith("works") ? "works" : "fails") : docText.startsWith("works") ? "works" : "fails";
      t.equal(cell?.outcome, outcome, `${row} × ${columns[index]}: ${outcome}`);
    });
  }
});

t.test("the trunk table, written out here as SRTPMode × VoIPSecurity [INF], is what the matrix compares against", async (t) => {
  // Written as data, not derived from PROTOCOL_MATRIX: Required behaves as RequireEncryption, Optional as
  // SupportEncryption, NotSupported as DoNotSupportEncryption (docs/protocol.md §2 "Trunk SRTPMode").
  const expected = [
    ["Unsecured", "Required", "fails", ["security-parity", "connection-refused"]],
    ["Unsecured", "Optional", "fails", ["security-parity", "connection-refused"]],
    ["Unsecured", "NotSupported", "fails", ["security-parity", "connection-refused"]],
    ["SIPSecured", "Required", "fails", ["incompatible-security-setting"]],
    ["SIPSecured", "Optional", "works", []],
    ["SIPSecured", "NotSupported", "works", []],
    ["Secured", "Required", "works", []],
    ["Secured", "Optional", "works", []],
    ["Secured", "NotSupported", "fails", ["srtp-required-by-peer"]],
  ];
  t.same(TRUNK_MATRIX.cells.map((cell) => [cell.row, cell.column, cell.outcome, cell.failures]), expected);
  t.same(TRUNK_MATRIX.cells.filter((cell) => cell.outcome === "works").map((cell) => [cell.row, cell.column, cell.media, cell.mode]), [
    ["SIPSecured", "Optional", "rtp", "SIPSecured"],
    ["SIPSecured", "NotSupported", "rtp", "SIPSecured"],
    ["Secured", "Required", "srtp", "Secured"],
    ["Secured", "Optional", "srtp", "Secured"],
  ]);
  t.match(TRUNK_MATRIX.note, /\[INF\]/);
});
