import { z } from "zod";
import type { CellDifference, DocumentedCell, DocumentedTable, MatrixResult, MatrixSweep, MeasuredCell } from "./matrix-model.js";
import type { SchemaFits } from "./schema-fits.js";
import { SIGNALINGS } from "./signaling.js";
import { VOIP_SECURITY_VALUES } from "./voip-security.js";

const CELL_OUTCOMES = ["works", "fails"] as const;
const MEDIA = ["rtp", "srtp"] as const;

// The matrix keeps failure codes as strings (matrix-model.ts: `failures: readonly string[]`, `failure: string | null`),
// so does the schema: a documented table may name a code this exum's registry does not have.

const documentedCell = z.strictObject({
  row: z.string(),
  column: z.string(),
  outcome: z.enum(CELL_OUTCOMES),
  media: z.enum(MEDIA).nullable(),
  mode: z.enum(VOIP_SECURITY_VALUES).nullable(),
  failures: z.array(z.string()),
  text: z.string(),
});

export const documentedCellSchema: z.ZodType<DocumentedCell> = documentedCell;
const _documentedCellFits: SchemaFits<typeof documentedCell, DocumentedCell> = true;

const documentedTable = z.strictObject({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  note: z.string().nullable(),
  cells: z.array(documentedCellSchema),
});

export const documentedTableSchema: z.ZodType<DocumentedTable> = documentedTable;
const _documentedTableFits: SchemaFits<typeof documentedTable, DocumentedTable> = true;

const cellDifference = z.strictObject({ table: z.string(), expected: z.string(), seen: z.string() });

export const cellDifferenceSchema: z.ZodType<CellDifference> = cellDifference;
const _cellDifferenceFits: SchemaFits<typeof cellDifference, CellDifference> = true;

const measuredCell = z.strictObject({
  row: z.string(),
  column: z.string(),
  outcome: z.enum(CELL_OUTCOMES),
  status: z.number().nullable(),
  failure: z.string().nullable(),
  negotiated: z
    .strictObject({
      signaling: z.enum(SIGNALINGS),
      media: z.enum(MEDIA).nullable(),
      suite: z.string().nullable(),
      mode: z.enum(VOIP_SECURITY_VALUES).nullable(),
    })
    .nullable(),
  step: z.strictObject({ scenario: z.string(), index: z.number() }).nullable(),
  differences: z.array(cellDifferenceSchema),
});

export const measuredCellSchema: z.ZodType<MeasuredCell> = measuredCell;
const _measuredCellFits: SchemaFits<typeof measuredCell, MeasuredCell> = true;

const axis = z.strictObject({ setting: z.string(), values: z.array(z.string()) });

const matrixSweep = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  persona: z.string(),
  rows: axis,
  columns: axis,
  cells: z.array(measuredCellSchema),
  documented: z.array(documentedTableSchema),
});

export const matrixSweepSchema: z.ZodType<MatrixSweep> = matrixSweep;
const _matrixSweepFits: SchemaFits<typeof matrixSweep, MatrixSweep> = true;

const matrixResult = z.strictObject({ sweeps: z.array(matrixSweepSchema), differences: z.number() });

/** The compatibility matrix of an `exum matrix` run ({@link MatrixResult}). */
export const matrixResultSchema: z.ZodType<MatrixResult> = matrixResult;
const _matrixResultFits: SchemaFits<typeof matrixResult, MatrixResult> = true;
