import type { LoadedScenario } from "./loaded-scenario.js";
import { parseScenario, type ScenarioLoadOptions } from "./parse-scenario.js";
import { parseYamlSource, readYamlSource, type YamlFileKind } from "../input/yaml-source.js";

/** Scenario files larger than this are refused (a scenario is a few kilobytes). */
export const MAX_SCENARIO_BYTES = 256 * 1024;

export const SCENARIO_FILE: YamlFileKind = {
  what: "scenario",
  codes: { unreadable: "EXUM_SCENARIO_UNREADABLE", notYaml: "EXUM_SCENARIO_NOT_YAML" },
  shape: "name:, summary:, as:, steps:",
  maxBytes: MAX_SCENARIO_BYTES,
};

/** A scenario from YAML text; `file` names it in errors. Errors as {@link loadScenarioFile}. */
export function parseScenarioYaml(text: string, file = "scenario.yaml", options: ScenarioLoadOptions = {}): LoadedScenario {
  const { data, source } = parseYamlSource(text, file, SCENARIO_FILE);
  return parseScenario(data, source, options);
}

/**
 * Reads and validates one scenario file. Every error is an input error (exit 2) naming the file:
 * `EXUM_SCENARIO_UNREADABLE`, `EXUM_SCENARIO_NOT_YAML` (with line and column), `EXUM_SCENARIO_INVALID` (with line,
 * column and path, e.g. `steps[1].expect.failure`, and a hint).
 */
export async function loadScenarioFile(file: string, options: ScenarioLoadOptions = {}): Promise<LoadedScenario> {
  const { data, source } = await readYamlSource(file, SCENARIO_FILE);
  return parseScenario(data, source, options);
}
