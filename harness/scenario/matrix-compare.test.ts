import t from "tap";
import type { DocumentedCell, MeasuredCell } from "../model/matrix-model.js";
import { cellDifferences, compareCell } from "./matrix-compare.js";
import { PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION } from "./matrix-documented.js";

type Measured = Omit<MeasuredCell, "differences">;
const base = { row: "SIPSecured", column: "RequireEncryption", step: null };
const works = (media: "rtp" | "srtp", mode: "SIPSecured" | "Secured"): Measured => ({ ...base, outcome: "works", status: 200, failure: null, negotiated: { signaling: "mtls", media, suite: null, mode } });
const fails = (failure: string, status: number | null): Measured => ({ ...base, outcome: "fails", status, failure, negotiated: null });
const documented = (cell: Partial<DocumentedCell>): DocumentedCell => ({ row: "SIPSecured", column: "RequireEncryption", outcome: "works", media: null, mode: null, failures: [], text: "", ...cell });

t.test("a measured cell against a documented one (table-driven)", async (t) => {
  const cases: [string, Measured, DocumentedCell, string | null][] = [
    ["same failure", fails("incompatible-security-setting", 488), documented({ outcome: "fails", failures: ["incompatible-security-setting"] }), null],
    ["any of the documented failures", fails("connection-refused", null), documented({ outcome: "fails", failures: ["security-parity", "connection-refused"] }), null],
    ["another failure", fails("security-parity", 403), documented({ outcome: "fails", failures: ["incompatible-security-setting"] }), "fails: security-parity (403)"],
    ["a table that does not say how it fails", fails("security-parity", 403), documented({ outcome: "fails" }), null],
    ["works where it should fail", works("srtp", "Secured"), documented({ outcome: "fails", failures: ["incompatible-security-setting"] }), "works: SRTP · Secured"],
    ["fails where it should work", fails("rejected", 500), documented({ media: "rtp", mode: "SIPSecured" }), "fails: rejected (500)"],
    ["works with the documented media and mode", works("rtp", "SIPSecured"), documented({ media: "rtp", mode: "SIPSecured" }), null],
    ["works in clear where SRTP is documented", works("rtp", "SIPSecured"), documented({ media: "srtp", mode: "Secured" }), "works: RTP · SIPSecured"],
    ["works, the table names no media", works("rtp", "SIPSecured"), documented({}), null],
  ];
  for (const [name, measured, cell, seen] of cases) {
    const difference = compareCell(measured, cell, PROTOCOL_MATRIX);
    t.equal(difference?.seen ?? null, seen, name);
    if (difference !== null) t.equal(difference.table, "protocol-2", `${name}: names the table`);
  }
});

t.test("cellDifferences: one entry per table the cell contradicts", async (t) => {
  const wrong = works("srtp", "Secured");
  t.same(
    cellDifferences(wrong, [PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION]).map((difference) => [difference.table, difference.expected]),
    [
      ["protocol-2", "fails: incompatible-security-setting"],
      ["seed-lync-phone-edition", "fails"],
    ],
  );
  t.same(cellDifferences(fails("incompatible-security-setting", 488), [PROTOCOL_MATRIX, SEED_LYNC_PHONE_EDITION]), []);
});
