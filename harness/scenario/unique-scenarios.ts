import { inputError } from "../errors/harness-error.js";
import type { LoadedScenario } from "./loaded-scenario.js";

/**
 * The scenarios of one run, each file once, in order; two different files with the same scenario name are bad
 * input (EXUM_SCENARIO_DUPLICATE_NAME), since reports and JUnit tell scenarios apart by name.
 */
export function uniqueScenarios(loaded: readonly LoadedScenario[]): LoadedScenario[] {
  const byName = new Map<string, string>();
  const byFile = new Set<string>();
  const unique: LoadedScenario[] = [];
  for (const scenario of loaded) {
    if (byFile.has(scenario.file)) continue;
    byFile.add(scenario.file);
    const key = scenario.scenario.name.toLowerCase();
    const other = byName.get(key);
    if (other !== undefined) {
      throw inputError("EXUM_SCENARIO_DUPLICATE_NAME", `${scenario.file}: the scenario name "${scenario.scenario.name}" is also used by ${other}`, {
        file: scenario.file,
        field: "name",
        hint: "give every scenario of a run its own name: reports and JUnit tell them apart by it",
      });
    }
    byName.set(key, scenario.file);
    unique.push(scenario);
  }
  return unique;
}
