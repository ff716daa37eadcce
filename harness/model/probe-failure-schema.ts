import { z } from "zod";
import { FAILURE_CODES } from "./failure-code.js";
import type { ProbeFailure } from "./probe-failure.js";
import type { SchemaFits } from "./schema-fits.js";

const probeFailure = z.strictObject({
  code: z.enum(FAILURE_CODES),
  message: z.string(),
  alert: z.number().optional(),
});

/** A {@link ProbeFailure}: a code of the failure-code registry (one this exum does not know is an error), its message, the TLS alert. */
export const probeFailureSchema: z.ZodType<ProbeFailure> = probeFailure;
const _probeFailureFits: SchemaFits<typeof probeFailure, ProbeFailure> = true;
