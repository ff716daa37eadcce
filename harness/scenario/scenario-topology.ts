import { inputError, isHarnessError } from "../errors/harness-error.js";
import { applyOverrides } from "../lab/index.js";
import type { LoadedTopology, Topology } from "../lab/index.js";
import type { LoadedScenario } from "./loaded-scenario.js";

/**
 * The lab topology a scenario runs on: `base` with the scenario's `lab:` overrides applied by the lab's own merge
 * (harness/lab applyOverrides; docs/design.md §6 "overrides on the default topology"). Problems are `EXUM_SCENARIO_INVALID`
 * (exit 2) at `lab.<path>` with line and column.
 */
export function scenarioTopology(loaded: Pick<LoadedScenario, "scenario" | "source">, base: LoadedTopology): Topology {
  if (loaded.scenario.lab === undefined) return base.topology;
  try {
    return applyOverrides(base, loaded.scenario.lab, { ...loaded.source, pathPrefix: ["lab"] });
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    throw inputError("EXUM_SCENARIO_INVALID", error.message, {
      file: loaded.source.file,
      ...(error.field === undefined ? {} : { field: error.field }),
      hint: error.hint ?? "fix the lab overrides (they are a partial topology file)",
      cause: error,
    });
  }
}
