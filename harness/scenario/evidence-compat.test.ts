import t from "tap";
import type { LabEvidence, ProbeEvidence, TlsConnectionEvidence } from "../report/step-evidence.js";
import type { CallProbeResult } from "../sip/call-probe.js";
import type { ProbeResult } from "../sip/probe-result.js";
import type { TlsEvidence } from "../tls/tls-evidence.js";
import type { PlannedLabChange } from "./plan.js";

/**
 * harness/report declares the evidence it renders without importing harness/sip (DESIGN.md §2: "report reads only the
 * run model"). These assignments fail to compile (npx tsc --noEmit) when the two drift apart.
 */
type Assignable<From, To> = From extends To ? true : false;
const probe: Assignable<ProbeResult, ProbeEvidence> = true;
const call: Assignable<CallProbeResult, ProbeEvidence> = true;
const tls: Assignable<TlsEvidence, TlsConnectionEvidence> = true;
const lab: Assignable<PlannedLabChange[], LabEvidence["changes"]> = false;

t.test("harness/sip's results are the run model's probe evidence", async (t) => {
  t.ok(probe && call && tls);
  t.notOk(lab, "lab changes are described in sentences in the run model, not stored as plan objects");
});
