import { basename } from "node:path";
import { inputIssuesError, type InputSource } from "../input/input-error.js";
import { defaultLoadedTopology } from "../lab/index.js";
import type { LoadedTopology } from "../lab/index.js";
import type { LoadedScenario } from "./loaded-scenario.js";
import { scenarioIssues } from "./scenario-issues.js";
import { scenarioSchema } from "./scenario-schema.js";
import { scenarioTopology } from "./scenario-topology.js";

export interface ScenarioLoadOptions {
  /** The topology a scenario's `lab:` overrides are checked against. @defaultValue the built-in default lab */
  topology?: LoadedTopology;
}

/** `scenarios/happy-path.yaml` → `happy-path`. */
export function scenarioId(file: string): string {
  return basename(file).replace(/\.ya?ml$/i, "");
}

/**
 * Validates a scenario as written (parsed YAML, a literal) and checks its `lab:` overrides with the lab's own merge
 * (harness/lab applyOverrides). Throws `EXUM_SCENARIO_INVALID` (exit 2) naming the file, line, column and path of
 * every problem (`steps[1].expect.failure`), with a hint.
 */
export function parseScenario(data: unknown, source: InputSource & { file: string }, options: ScenarioLoadOptions = {}): LoadedScenario {
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw inputIssuesError("EXUM_SCENARIO_INVALID", scenarioIssues(result.error, data), source, "scenario");
  const scenario = result.data;
  scenarioTopology({ scenario, source }, options.topology ?? defaultLoadedTopology());
  return { id: scenarioId(source.file), file: source.file, scenario, source };
}
