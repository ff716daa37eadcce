import { internalError } from "../errors/harness-error.js";
import type { Lab } from "../lab/index.js";
import type { PlannedLab, PlannedLabChange } from "./plan.js";
import type { StepDone, StepRun } from "./step-run.js";

/** Applies one change to the running lab and says what it did, in a sentence for reports. */
async function apply(lab: Lab, change: PlannedLabChange): Promise<string> {
  switch (change.kind) {
    case "dns-point": {
      // docs/protocol.md §7 seed example 1: "the DNS A records of servers 1 and 2 are pointed at servers 3 and 4".
      lab.pointAt(change.fqdn, change.target);
      return `DNS: ${change.fqdn} → ${lab.names.resolve(change.fqdn) ?? "?"} (${change.target}'s address)`;
    }
    case "dns-set":
      lab.names.set(change.fqdn, change.address);
      return `DNS: ${change.fqdn} → ${change.address}`;
    case "dns-delete":
      lab.names.delete(change.fqdn);
      return `DNS: ${change.fqdn} removed (NXDOMAIN)`;
    case "server-state":
      await lab.setServerState(change.fqdn, change.state);
      return `server ${change.fqdn}: ${change.state}`;
    case "gateway-status":
      lab.setGatewayStatus(change.name, change.status);
      return `UM IP gateway ${change.name}: ${change.status}`;
    case "fault":
      await lab.setFault(change.fqdn, change.fault);
      return `server ${change.fqdn}: faulty (${change.fault.kind})`;
  }
}

/**
 * `lab: { dns, server, gateway, fault }`: changes the running lab, in that order (docs/design.md §5: "point the A records
 * of servers 1 and 2 at servers 3 and 4 … is one topology change during a scenario"). Lab only: binding refuses it
 * against a site. A change the lab refuses is a harness error of the step (its code is the lab's).
 */
export async function runLabStep(step: PlannedLab, run: StepRun): Promise<StepDone> {
  const lab = run.env.lab;
  if (lab === null) throw internalError("EXUM_SCENARIO_NO_LAB", `${step.path} changes the lab, but this run is against a site`, { hint: "mark the scenario site: { labOnly: true }" });
  const changes: string[] = [];
  for (const change of step.changes) changes.push(await apply(lab, change));
  return { evidence: { kind: "lab", changes }, expectations: [], target: null, persona: null };
}
