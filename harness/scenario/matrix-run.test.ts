import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { measuredCellText } from "../report/matrix-cell-text.js";
import { renderMatrixMarkdown } from "../report/matrix-markdown.js";
import type { MatrixSweep } from "../model/matrix-model.js";
import { renderMatrixText } from "../report/matrix-text.js";
import { runExitCode } from "../report/run-exit-code.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import { scrubReport } from "../testing/scrub-report.js";
import { runMatrix } from "./matrix-run.js";
import { POOL_ENCRYPTION_SWEEP } from "./matrix-sweeps.js";
import { PROTOCOL_MATRIX } from "./matrix-documented.js";

t.cleanSnapshot = scrubReport;

/** A sweep as rows of measured cells in words (`fails: security-parity (403)`). */
function grid(sweep: MatrixSweep | undefined): string[][] {
  if (sweep === undefined) return [];
  return sweep.rows.values.map((row) => sweep.columns.values.map((column) => {
    const cell = sweep.cells.find((entry) => entry.row === row && entry.column === column);
    return cell === undefined ? "missing" : measuredCellText(cell);
  }));
}

t.test("exum matrix on the default lab reproduces the documented tables, cell by cell", async (t) => {
  const run = await runMatrix({ certsDir: sharedLabPkiDir(), timeoutMs: 5000 });
  const matrix = run.matrix;
  if (matrix === undefined) throw new Error("no matrix");
  const [pool, trunk, startup] = matrix.sweeps;

  // docs/protocol.md §2 "The compatibility matrix" [DOC, seed] (rows VoIPSecurity, columns EncryptionLevel).
  t.same(grid(pool), [
    ["fails: security-parity (403)", "fails: security-parity (403)", "fails: security-parity (403)"],
    ["fails: incompatible-security-setting (488)", "works: RTP · SIPSecured", "works: RTP · SIPSecured"],
    ["works: SRTP · Secured", "works: SRTP · Secured", "fails: srtp-required-by-peer (488)"],
  ]);
  // docs/protocol.md §2 "Trunk SRTPMode" (columns Required, Optional, NotSupported) [INF].
  t.same(grid(trunk), grid(pool), "the Mediation Server's trunk SRTPMode behaves as the pool's EncryptionLevel");
  // docs/protocol.md §1 "UMStartupMode" [DOC] (columns TCP, TLS, Dual).
  t.same(grid(startup), [
    ["works: RTP · Unsecured", "fails: connection-refused", "works: RTP · Unsecured"],
    ["fails: connection-refused", "works: RTP · SIPSecured", "works: RTP · SIPSecured"],
    ["fails: connection-refused", "works: SRTP · Secured", "works: SRTP · Secured"],
  ]);
  t.equal(matrix.differences, 0, "no cell differs from a documented table");
  t.equal(run.summary.verdict, "passed");
  t.equal(runExitCode(run), ExitCode.Ok);
  t.same(run.summary.steps, { total: 27, passed: 27, failed: 0, error: 0, skipped: 0 });

  t.matchSnapshot(renderMatrixText(matrix), "terminal grid");
  t.matchSnapshot(renderMatrixMarkdown(matrix), "markdown grid");

  // Every cell keeps its evidence: the redirect chain of an answered call, the signalling, the SDP.
  const secured = run.scenarios[0]?.steps.find((step) => step.name === "VoIPSecurity Secured × EncryptionLevel RequireEncryption");
  const evidence = secured?.evidence as ProbeEvidence;
  t.same(evidence.hops.map((hop) => [hop.role, hop.status]), [["callRouter", 302], ["umService", 302], ["worker", 200]]);
  t.match(evidence, { negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", mode: "Secured" }, sdp: { offer: /a=crypto/, answer: /RTP\/SAVP/ } });
  t.ok(evidence.trace.length >= 8, "a trace to draw the ladder from");
  t.ok(run.scenarios[0]?.events.some((event) => event.eventId === 1021 && /Incompatible security setting/.test(event.message)), "the worker's event for the incompatible cell");
  t.match(pool?.cells.find((cell) => cell.row === "SIPSecured" && cell.column === "RequireEncryption"), { step: { scenario: "matrix-pool-encryption", index: 3 } });
});

t.test("a measured cell that contradicts its documented table fails the run (exit 1)", async (t) => {
  const flipped = {
    ...PROTOCOL_MATRIX,
    cells: PROTOCOL_MATRIX.cells.map((cell) =>
      cell.row === "SIPSecured" && cell.column === "RequireEncryption" ? { ...cell, outcome: "works" as const, media: "srtp" as const, mode: "Secured" as const, failures: [], text: "works (flipped)" } : cell,
    ),
  };
  const spec = { ...POOL_ENCRYPTION_SWEEP, rows: { setting: "VoIPSecurity", values: ["SIPSecured"] }, documented: [{ ...flipped, cells: flipped.cells.filter((cell) => cell.row === "SIPSecured") }] };
  const run = await runMatrix({ specs: [spec], certsDir: sharedLabPkiDir() });
  t.equal(run.matrix?.differences, 1);
  t.match(run.matrix?.sweeps[0]?.cells[0], { row: "SIPSecured", column: "RequireEncryption", differences: [{ table: "protocol-2", expected: "works: SRTP · Secured", seen: "fails: incompatible-security-setting (488)" }] });
  t.match(run.scenarios[0]?.steps[0], {
    verdict: "failed",
    expectations: [{ path: "cells[0][0].expect.documented.protocol-2", met: false, message: "docs/protocol.md §2 compatibility matrix says works: SRTP · Secured; measured fails: incompatible-security-setting (488)" }],
  });
  t.equal(runExitCode(run), ExitCode.Failed);
});

t.test("an interrupted matrix skips what it has not measured", async (t) => {
  const controller = new AbortController();
  controller.abort();
  const run = await runMatrix({ sweeps: ["pool-encryption"], certsDir: sharedLabPkiDir(), signal: controller.signal });
  t.equal(run.interrupted, true);
  t.equal(runExitCode(run), ExitCode.Interrupted);
  t.match(run.scenarios[0], { verdict: "skipped", skipReason: "interrupted" });
  t.equal(run.matrix?.sweeps[0]?.cells.length, 0);
});
