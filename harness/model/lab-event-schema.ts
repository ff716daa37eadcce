import { z } from "zod";
import type { LabEvent, LabEventLevel } from "./lab-event.js";
import type { SchemaFits } from "./schema-fits.js";

const LAB_EVENT_LEVELS = ["information", "warning", "error"] as const satisfies readonly LabEventLevel[];

const labEvent = z.strictObject({
  server: z.string(),
  eventId: z.number(),
  level: z.enum(LAB_EVENT_LEVELS),
  source: z.string().nullable(),
  message: z.string(),
  at: z.string(),
});

/** One {@link LabEvent} of a simulated server's event log. */
export const labEventSchema: z.ZodType<LabEvent> = labEvent;
const _labEventFits: SchemaFits<typeof labEvent, LabEvent> = true;
